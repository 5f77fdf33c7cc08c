// Export the canvas for slides, with no network and no library: the React Flow viewport's DOM (nodes,
// edges, the packet on its way) is cloned into an SVG <foreignObject> with the page's own style
// sheets inlined; for PNG that SVG is drawn into a <canvas> through an <img> (a data: URL, which the
// page's CSP allows as img-src).

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const PAD = 24;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the nodes are, in the viewport's own coordinates (React Flow places each with a translate). */
function graphBounds(viewport: HTMLElement): Box | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const el of viewport.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const m = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(el.style.transform);
    if (!m || el.offsetWidth === 0) continue;
    const x = Number(m[1]),
      y = Number(m[2]);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + el.offsetWidth);
    maxY = Math.max(maxY, y + el.offsetHeight);
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX - PAD, y: minY - PAD, w: Math.ceil(maxX - minX + 2 * PAD), h: Math.ceil(maxY - minY + 2 * PAD) };
}

/** The page's CSS as text (our style sheets are same-origin, so their rules are readable). */
function pageCss(): string {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) out.push(rule.cssText);
    } catch {
      /* a sheet from elsewhere: there is none, but never fail the export over it */
    }
  }
  return out.join('\n');
}

/** The SVG document text for the whole graph at scale 1. */
export function canvasToSvg(root: ParentNode = document): { svg: string; width: number; height: number } | null {
  const viewport = root.querySelector<HTMLElement>('.react-flow__viewport');
  const flow = viewport?.closest<HTMLElement>('.react-flow');
  if (!viewport || !flow) return null;
  const box = graphBounds(viewport);
  if (!box) return null;

  // The ancestors' classes keep selectors such as `.canvas .react-flow__node` matching.
  const chain: HTMLElement[] = [];
  for (let el: HTMLElement | null = viewport.parentElement; el && el !== document.body; el = el.parentElement) {
    chain.unshift(el);
    if (el.classList.contains('canvas')) break;
  }
  const top = document.createElementNS(XHTML_NS, 'div');
  top.setAttribute('class', 'export-root');
  // styles go through the CSSOM: the page's CSP (style-src 'self') refuses style attributes set as text
  (top as HTMLElement).style.cssText =
    `width:${box.w}px;height:${box.h}px;position:relative;overflow:hidden;background:#f8fafc;`;
  let parent: Element = top;
  for (const el of chain) {
    const wrap = document.createElementNS(XHTML_NS, 'div');
    wrap.setAttribute('class', el.getAttribute('class') ?? '');
    (wrap as HTMLElement).style.cssText =
      `${el.style.cssText};position:absolute;inset:0;width:${box.w}px;height:${box.h}px;overflow:visible;background:transparent;`;
    parent.appendChild(wrap);
    parent = wrap;
  }
  const clone = viewport.cloneNode(true) as HTMLElement;
  clone.style.transform = `translate(${-box.x}px, ${-box.y}px) scale(1)`;
  // form state and live canvases do not survive cloning; none are needed in a picture
  clone.querySelectorAll('canvas, .react-flow__handle').forEach((n) => n.remove());
  parent.appendChild(clone);

  const style = document.createElementNS(XHTML_NS, 'style');
  style.textContent = `${pageCss()}\n.export-root *{animation:none!important;transition:none!important}`;
  top.insertBefore(style, top.firstChild);

  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(box.w));
  svg.setAttribute('height', String(box.h));
  svg.setAttribute('viewBox', `0 0 ${box.w} ${box.h}`);
  const fo = document.createElementNS(SVG_NS, 'foreignObject');
  fo.setAttribute('x', '0');
  fo.setAttribute('y', '0');
  fo.setAttribute('width', '100%');
  fo.setAttribute('height', '100%');
  fo.appendChild(top);
  svg.appendChild(fo);
  return { svg: new XMLSerializer().serializeToString(svg), width: box.w, height: box.h };
}

const dataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** Rasterize the SVG at `scale` (2: sharp on slides and high-density screens). */
export async function canvasToPng(scale = 2): Promise<Blob | null> {
  const made = canvasToSvg();
  if (!made) return null;
  const img = new Image();
  img.decoding = 'sync';
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the picture could not be drawn'));
    img.src = dataUrl(made.svg);
  });
  const cv = document.createElement('canvas');
  // stay under the browsers' canvas size limits
  const s = Math.min(scale, 16000 / Math.max(made.width, made.height));
  cv.width = Math.round(made.width * s);
  cv.height = Math.round(made.height * s);
  const ctx = cv.getContext('2d');
  if (!ctx) return null;
  ctx.scale(s, s);
  ctx.drawImage(img, 0, 0, made.width, made.height);
  return new Promise((resolve) => cv.toBlob((b) => resolve(b), 'image/png'));
}

export { download } from '../download';

export function svgBlob(): Blob | null {
  const made = canvasToSvg();
  return made ? new Blob([made.svg], { type: 'image/svg+xml' }) : null;
}
