/**
 * Generates every app icon from build/icon.svg: PNGs for Linux, .ico for Windows, .icns for
 * macOS, and the tray icons (build/tray/). The outputs are committed, so packaging does not
 * depend on this script running. Run with `npm run icons` after changing the SVG.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import png2icons from 'png2icons';

const svg = readFileSync('build/icon.svg', 'utf8');
const renderSvg = (source: string, size: number) =>
  Buffer.from(new Resvg(source, { fitTo: { mode: 'width', value: size } }).render().asPng());
const render = (size: number) => renderSvg(svg, size);

const master = render(1024);
writeFileSync('build/icon.png', master);
mkdirSync('build/icons', { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(`build/icons/${size}x${size}.png`, render(size));

const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, true, true);
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
if (!ico || !icns) throw new Error('png2icons could not convert build/icon.png');
writeFileSync('build/icon.ico', ico);
writeFileSync('build/icon.icns', icns);

// Tray: Windows and Linux show the coloured tile, which reads on light and dark taskbars alike
// (Windows gets an .ico so it picks the size for the display's scale). macOS menu bars want a
// template image: black on transparent, named *Template so the system tints it for light and
// dark menu bars. Its glyph comes from the same SVG: the tile is dropped, the white shield and
// key become the shape, and the indigo bow and groove become holes.
const shapes = svg.match(/<(?:path|circle|rect)\b[^>]*\/>/g) ?? [];
const glyph = shapes
  .filter((shape) => !shape.includes('url(#tile)'))
  .map((shape) => shape.replace(/fill="#ffffff"/i, 'fill="#fff"').replace(/fill="#2f4bc4"/i, 'fill="#000"'));
if (glyph.length === 0) throw new Error('build/icon.svg has no glyph shapes for the tray template');
// Cropped square to the glyph (the shield spans x 300–724, y 196–860) so it fills the menu bar’s height.
const template = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="172 188 680 680"><defs><mask id="glyph" maskUnits="userSpaceOnUse" x="0" y="0" width="1024" height="1024">${glyph.join('')}</mask></defs><rect width="1024" height="1024" fill="#000" mask="url(#glyph)"/></svg>`;
mkdirSync('build/tray', { recursive: true });
writeFileSync('build/tray/tray.png', render(24));
writeFileSync('build/tray/tray@2x.png', render(48));
const trayIco = png2icons.createICO(render(256), png2icons.BICUBIC2, 0, true, true);
if (!trayIco) throw new Error('png2icons could not make the tray .ico');
writeFileSync('build/tray/tray.ico', trayIco);
writeFileSync('build/tray/trayTemplate.png', renderSvg(template, 16));
writeFileSync('build/tray/trayTemplate@2x.png', renderSvg(template, 32));
console.log('wrote build/icon.png, build/icons/*.png, build/icon.ico, build/icon.icns, build/tray/*');
