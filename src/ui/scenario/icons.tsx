// Inline SVG icons for the scenario tools (no icon font is fetched).
const base = { width: 18, height: 18, viewBox: '0 0 20 20', 'aria-hidden': true, focusable: false } as const;
const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.9,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export const UndoIcon = () => (
  <svg {...base}>
    <path {...stroke} d="M7.5 4.5 3.5 8.5l4 4" />
    <path {...stroke} d="M3.8 8.5h8.2a4.5 4.5 0 0 1 0 9H9" />
  </svg>
);
export const RedoIcon = () => (
  <svg {...base}>
    <path {...stroke} d="m12.5 4.5 4 4-4 4" />
    <path {...stroke} d="M16.2 8.5H8a4.5 4.5 0 0 0 0 9h3" />
  </svg>
);
export const ShareIcon = () => (
  <svg {...base}>
    <path {...stroke} d="M8.5 11.5a3.5 3.5 0 0 0 5 0l3-3a3.5 3.5 0 0 0-5-5l-1 1" />
    <path {...stroke} d="M11.5 8.5a3.5 3.5 0 0 0-5 0l-3 3a3.5 3.5 0 0 0 5 5l1-1" />
  </svg>
);
export const ImageIcon = () => (
  <svg {...base}>
    <rect {...stroke} x="2.5" y="3.5" width="15" height="13" rx="1.5" />
    <path {...stroke} d="m4 14.5 4-4.5 3 3 2-2 3 3.5" />
    <circle cx="13" cy="7.5" r="1.4" fill="currentColor" />
  </svg>
);
export const PresentIcon = () => (
  <svg {...base}>
    <rect {...stroke} x="2" y="3" width="16" height="10.5" rx="1.2" />
    <path {...stroke} d="M10 13.5V17M6.5 17h7" />
    <path d="M8.3 6v5l4.2-2.5z" fill="currentColor" />
  </svg>
);
export const LockIcon = () => (
  <svg {...base}>
    <rect {...stroke} x="4" y="9" width="12" height="8.5" rx="1.5" />
    <path {...stroke} d="M6.8 9V6.5a3.2 3.2 0 0 1 6.4 0V9" />
  </svg>
);
