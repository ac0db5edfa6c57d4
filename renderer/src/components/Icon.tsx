/** The few line icons Keyward uses, inline so the CSP needs no image source. Decorative: buttons carry the name. */
const paths = {
  copy: 'M9 9h10v10H9z M5 15V5h10',
  eye: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
  edit: 'M4 20h4L19 9l-4-4L4 16z M14 6l4 4',
  trash: 'M4 7h16 M9 7V4h6v3 M6 7l1 13h10l1-13',
  star: 'M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.3L12 17.5l-5.5 2.9 1-6.3L3 9.7l6.2-.9z',
  lock: 'M6 11h12v10H6z M8 11V7a4 4 0 0 1 8 0v4',
  gear: 'M12.0 4.8 L13.9 2.7 L15.6 3.2 L16.0 6.0 L17.1 6.9 L19.9 6.7 L20.8 8.4 L19.1 10.6 L19.2 12.0 L21.3 13.9 L20.8 15.6 L18.0 16.0 L17.1 17.1 L17.3 19.9 L15.6 20.8 L13.4 19.1 L12.0 19.2 L10.1 21.3 L8.4 20.8 L8.0 18.0 L6.9 17.1 L4.1 17.3 L3.2 15.6 L4.9 13.4 L4.8 12.0 L2.7 10.1 L3.2 8.4 L6.0 8.0 L6.9 6.9 L6.7 4.1 L8.4 3.2 L10.6 4.9Z M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
  plus: 'M12 5v14 M5 12h14',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M16 16l5 5',
  key: 'M8 15a4 4 0 1 1 0-8a4 4 0 0 1 0 8z M11.5 11H21 M17 11v3 M20 11v2',
  close: 'M6 6l12 12 M18 6L6 18',
  warning: 'M12 3l10 18H2z M12 10v5 M12 18v.5',
  chart: 'M3 21h18 M6 17v-5 M11 17V7 M16 17v-8 M21 17V4',
  rotate: 'M20 12a8 8 0 0 1-14.3 4.9 M4 12a8 8 0 0 1 14.3-4.9 M18.5 3v4.3h-4.3 M5.5 21v-4.3h4.3',
  history: 'M4 12a8 8 0 1 0 2.3-5.7 M4 4v3.6h3.6 M12 8v4l3 2',
  external: 'M14 4h6v6 M20 4l-9 9 M18 14v6H4V6h6',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  chevron: 'M9 6l6 6-6 6',
  list: 'M8 6h13 M8 12h13 M8 18h13 M3.5 6h.5 M3.5 12h.5 M3.5 18h.5',
  cards: 'M3 4h18v7H3z M3 14h18v7H3z',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1 M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  file: 'M6 3h8l4 4v14H6z M14 3v4h4 M9 12h6 M9 16h6',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, filled = false }: { name: IconName; filled?: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d={paths[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
