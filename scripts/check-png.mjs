// Checks a screenshot without image libraries: a valid PNG of the expected size that is not blank and shows the
// report's blue chart bars and, when the page has a weekly trend, its purple trend lines.
// Usage: node scripts/check-png.mjs <file.png> <width> <height> [--lines]
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const [file, expectedWidth, expectedHeight, linesFlag] = process.argv.slice(2);
const fail = (message) => { console.error(`${file}: ${message}`); process.exit(1); };
if (!file || !expectedWidth || !expectedHeight) fail('usage: check-png.mjs <file.png> <width> <height>');

const png = readFileSync(file);
if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) fail('not a PNG (bad signature)');

let header;
const data = [];
for (let at = 8; at < png.length;) {
  const length = png.readUInt32BE(at);
  const type = png.toString('latin1', at + 4, at + 8);
  const body = png.subarray(at + 8, at + 8 + length);
  if (type === 'IHDR') header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], color: body[9], interlace: body[12] };
  if (type === 'IDAT') data.push(body);
  if (type === 'IEND') break;
  at += 12 + length;
}

if (!header) fail('no IHDR chunk');
if (header.width !== Number(expectedWidth) || header.height !== Number(expectedHeight)) {
  fail(`is ${header.width}x${header.height}, expected ${expectedWidth}x${expectedHeight}`);
}

// Chromium writes 8-bit RGB or RGBA, not interlaced; anything else is a different encoder than the one checked for.
const channels = { 2: 3, 6: 4 }[header.color];
if (header.depth !== 8 || !channels || header.interlace !== 0) fail(`unexpected format (depth ${header.depth}, color type ${header.color}, interlace ${header.interlace})`);

const raw = inflateSync(Buffer.concat(data));
const stride = header.width * channels;
const pixels = Buffer.alloc(stride * header.height);
for (let y = 0; y < header.height; y++) {
  const filter = raw[y * (stride + 1)];
  const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
  for (let x = 0; x < stride; x++) {
    const left = x >= channels ? pixels[y * stride + x - channels] : 0;
    const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
    const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
    let predictor = 0;
    if (filter === 1) predictor = left;
    else if (filter === 2) predictor = up;
    else if (filter === 3) predictor = (left + up) >> 1;
    else if (filter === 4) {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    } else if (filter !== 0) fail(`bad filter type ${filter} on row ${y}`);
    pixels[y * stride + x] = (line[x] + predictor) & 0xff;
  }
}

const counts = new Map();
let chartBlue = 0;
let trendLine = 0;
for (let i = 0; i < pixels.length; i += channels) {
  const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
  const key = (r << 16) | (g << 8) | b;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  // The bars' fill, #0f6cbd, give or take anti-aliasing.
  if (Math.abs(r - 0x0f) < 12 && Math.abs(g - 0x6c) < 12 && Math.abs(b - 0xbd) < 12) chartBlue++;
  // The trend lines' stroke, #c239b3 (HtmlCharts.LineColour).
  if (Math.abs(r - 0xc2) < 16 && Math.abs(g - 0x39) < 16 && Math.abs(b - 0xb3) < 16) trendLine++;
}

const total = header.width * header.height;
const background = Math.max(...counts.values());
const inked = (total - background) / total;
console.log(`${file}: ${header.width}x${header.height}, ${counts.size} colours, ${(inked * 100).toFixed(1)}% not background, ${chartBlue} chart-bar pixels, ${trendLine} trend-line pixels`);
if (counts.size < 16 || inked < 0.02) fail('looks blank');
if (chartBlue < 2000) fail('shows (almost) no chart bars');
if (linesFlag === '--lines' && trendLine < 100) fail('shows (almost) no trend lines');
