import type { ReactNode } from 'react';
import { fullDate } from '../lib/time.ts';

/**
 * The one way a date is shown: words that are quick to read ("in 3 days", "Copied yesterday"),
 * with the full date on hover and for assistive technology's <time> element.
 */
export function When({ value, children, className }: { value: string; children: ReactNode; className?: string }) {
  return (
    <time dateTime={value} title={fullDate(value)} className={className}>
      {children}
    </time>
  );
}
