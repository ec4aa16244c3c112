import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/*
 * The figures as PNG, for slides and papers: the SVG of src/reproduce/plot.ts rasterised by resvg (Rust, no browser;
 * @resvg/resvg-js ships its prebuilt binary inside platform npm packages, nothing is downloaded at install), at twice
 * the SVG's pixel size by default, with the system's fonts (DejaVu Sans on Debian, as the SVG asks).
 */

export const PNG_ZOOM = 2;

/** The PNG bytes of an SVG document, `zoom` × its width and height. */
export function svgToPng(svg: string, zoom = PNG_ZOOM): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return r.render().asPng();
}

/** Writes `svg` as PNG to `path` through a temporary file and a rename (no half-written file is ever seen). */
export function writePng(path: string, svg: string, zoom = PNG_ZOOM): string {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, svgToPng(svg, zoom));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return path;
}
