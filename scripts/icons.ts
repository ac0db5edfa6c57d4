/**
 * Generates every app icon from build/icon.svg: PNGs for Linux, .ico for Windows, .icns for
 * macOS. The outputs are committed, so packaging does not depend on this script running.
 * Run with `npm run icons` after changing the SVG.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import png2icons from 'png2icons';

const svg = readFileSync('build/icon.svg', 'utf8');
const render = (size: number) => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());

const master = render(1024);
writeFileSync('build/icon.png', master);
mkdirSync('build/icons', { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(`build/icons/${size}x${size}.png`, render(size));

const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, true, true);
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
if (!ico || !icns) throw new Error('png2icons could not convert build/icon.png');
writeFileSync('build/icon.ico', ico);
writeFileSync('build/icon.icns', icns);
console.log('wrote build/icon.png, build/icons/*.png, build/icon.ico, build/icon.icns');
