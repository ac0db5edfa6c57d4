import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { fullDate } from '../lib/time.ts';

/**
 * The one way a date is shown: words that are quick to read ("in 3 days", "Copied yesterday"),
 * with the full date on hover and for assistive technology's <time> element.
 */
export function When({ value, children, className }: { value: string; children: ReactNode; className?: string }) {
  const intl = useIntl();
  return (
    <time dateTime={value} title={fullDate(value, intl)} className={className}>
      {children}
    </time>
  );
}
