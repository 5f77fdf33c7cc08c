// Inline SVG icons: system fonts lack the media-control glyphs, and no icon font is fetched.
const base = { width: 20, height: 20, viewBox: '0 0 20 20', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => (
  <svg {...base}>
    <path d="M6 3.5v13l10.5-6.5z" fill="currentColor" />
  </svg>
);
export const PauseIcon = () => (
  <svg {...base}>
    <rect x="4.5" y="3.5" width="4" height="13" rx="1" fill="currentColor" />
    <rect x="11.5" y="3.5" width="4" height="13" rx="1" fill="currentColor" />
  </svg>
);
export const StepBackIcon = () => (
  <svg {...base}>
    <rect x="3.5" y="4" width="2.5" height="12" rx="1" fill="currentColor" />
    <path d="M16.5 4v12L7.5 10z" fill="currentColor" />
  </svg>
);
export const StepForwardIcon = () => (
  <svg {...base}>
    <rect x="14" y="4" width="2.5" height="12" rx="1" fill="currentColor" />
    <path d="M3.5 4v12l9-6z" fill="currentColor" />
  </svg>
);
export const MonitorIcon = () => (
  <svg {...base} width={18} height={18}>
    <rect x="2" y="3" width="16" height="10.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
    <path d="M7 17h6M10 13.5V17" stroke="currentColor" strokeWidth="1.8" />
  </svg>
);
