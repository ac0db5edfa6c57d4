import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * How far `ref`'s element sits from the top of the document, kept current as anything above it
 * grows or shrinks (a card's rows being measured, a search narrowing the list). The window
 * virtualiser needs it to know which of a card's rows are on screen.
 */
export function useDocumentOffset(ref: RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setOffset(element.getBoundingClientRect().top + window.scrollY));
    // The body's size changes whenever content above (or this element) changes size.
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return offset;
}
