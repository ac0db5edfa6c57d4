/**
 * Runs in the page (test/e2e/i18n-layout.spec.ts builds it and evaluates it on each screen): every
 * element whose text a person cannot read whole, named so it can be found in the code.
 *
 *   - clipped: a box that hides its overflow (overflow hidden or clip, or text-overflow: ellipsis)
 *     holds more than it shows. A box with a `title` is truncated on purpose (the whole text is one
 *     hover away, as masked keys and long labels are) and passes; so does one whose parent has it.
 *   - overflows its box: text in a box that lets it spill (overflow visible, white-space nowrap)
 *     runs past the box's edge, over whatever is beside it.
 *   - sticks out of the window: an element reaches past the window's left or right edge where no
 *     box around it scrolls or clips; only the outermost such element is named.
 */
export function findLayoutProblems(): string[] {
  const problems: string[] = [];
  const width = document.documentElement.clientWidth;
  const skipped = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'CANVAS', 'IMG', 'VIDEO', 'IFRAME', 'SCRIPT', 'STYLE']);
  const SLACK = 1; // sub-pixel rounding

  for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
    if (!(element instanceof HTMLElement) || skipped.has(element.tagName)) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden' || style.display === 'contents') continue;
    const rect = element.getBoundingClientRect();
    // Not drawn, or drawn 1×1 for screen readers only (.sr-only).
    if (rect.width <= 1 || rect.height <= 1) continue;
    if (hiddenByAncestor(element)) continue;

    const titled = element.hasAttribute('title') || element.parentElement?.hasAttribute('title') === true;
    const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
    const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
    const inline = style.display === 'inline';
    const overX = element.scrollWidth - element.clientWidth;
    const overY = element.scrollHeight - element.clientHeight;

    if (!inline && !titled && hasText(element)) {
      if (clipsX && overX > SLACK) {
        problems.push(`clipped: ${describe(element)} shows ${element.clientWidth}px of ${element.scrollWidth}px`);
      } else if (clipsY && overY > SLACK) {
        problems.push(`clipped: ${describe(element)} shows ${element.clientHeight}px of ${element.scrollHeight}px in height`);
      } else if (!clipsX && style.overflowX === 'visible' && overX > SLACK && ownText(element)) {
        problems.push(`overflows its box: ${describe(element)} is ${element.scrollWidth}px in a ${element.clientWidth}px box`);
      }
    }

    const outside = rect.right > width + SLACK || rect.left < -SLACK;
    if (outside && !insideScrollerOrClip(element)) {
      const parent = element.parentElement;
      const parentRect = parent?.getBoundingClientRect();
      const parentOutside = parentRect && (parentRect.right > width + SLACK || parentRect.left < -SLACK);
      if (!parentOutside) {
        problems.push(
          `sticks out of the window: ${describe(element)} spans ${Math.round(rect.left)}–${Math.round(rect.right)}px of ${width}px`,
        );
      }
    }
  }
  return problems;
}

/**
 * In a Korean window, the English left: a text, or a read-aloud attribute (aria-label, title,
 * placeholder), with three or more lowercase English words in it ("3 added, 0 duplicates, 0
 * skipped"). Names keep their capitals and pass (OpenAI, Claude Code), as do the shell names a
 * Korean sentence lists. What is not the app's own words is marked `translate="no"` (the HTML
 * attribute for it: key labels, notes, tags, file and model names) and passes, as do code,
 * keyboard keys and what the user types into a field.
 */
export function findEnglishText(): string[] {
  const found: string[] = [];
  const technical = new Set(['bash', 'zsh', 'fish', 'https', 'http', 'env', 'stash', 'json', 'csv', 'null', 'true', 'false']);
  const english = (text: string) =>
    (text.match(/(?<![A-Za-z0-9_.:/-])[a-z]{2,}(?![A-Za-z0-9_/-])/g) ?? []).filter((word) => !technical.has(word)).length >= 3;
  const skipped = 'script, style, code, kbd, pre, input, textarea, select, option, [translate="no"]';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!element || !english(text) || element.closest(skipped) || hiddenByAncestor(element)) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    found.push(`English: ${describe(element)}`);
  }
  for (const element of document.body.querySelectorAll<HTMLElement>('[aria-label], [title], [placeholder]')) {
    if (element.closest('[translate="no"]') || hiddenByAncestor(element)) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = element.getAttribute(name);
      if (value && english(value)) found.push(`English ${name}: ${describe(element)} "${value}"`);
    }
  }
  return [...new Set(found)];
}

/** Text somewhere inside: a box of nothing but icons or space cannot clip words. */
function hasText(element: HTMLElement): boolean {
  return (element.textContent ?? '').trim().length > 0;
}

/** Text directly in this element (not only in its children, which are checked themselves). */
function ownText(element: HTMLElement): boolean {
  return [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
}

/** Inside a closed <details>, a hidden dialog, or a box with display none somewhere above. */
function hiddenByAncestor(element: HTMLElement): boolean {
  return element.closest('[hidden], [aria-hidden="true"], details:not([open]) > :not(summary)') !== null;
}

/** A box around it scrolls or clips sideways: it is then that box's overflow, checked by the rules above. */
function insideScrollerOrClip(element: HTMLElement): boolean {
  for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
    if (getComputedStyle(box).overflowX !== 'visible') return true;
  }
  return false;
}

/** `button.key-copy "Copy Support bot"`: the tag, id, classes and the start of the text. */
function describe(element: HTMLElement): string {
  // Ids made from a key's id say nothing in the code: `key-…` does.
  const id = element.id ? `#${element.id.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, '…')}` : '';
  const classes = [...element.classList].map((name) => `.${name}`).join('');
  const label = element.getAttribute('aria-label');
  const text = (label ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
  const quoted = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return `${element.tagName.toLowerCase()}${id}${classes} "${quoted}"`;
}
