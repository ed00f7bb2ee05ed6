// Draws media/icon.png (128x128): a journey's emotion curve over three stage bands, with a
// hotspot dot. Node's zlib only, so the icon can be redrawn anywhere: node media/make-icon.js
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 128;
const SS = 4; // supersamples per axis, for anti-aliased edges

const bg = [31, 42, 68];
const bands = [
  [52, 72, 112],
  [44, 62, 98],
  [52, 72, 112],
];
const curve = [122, 209, 255];
const hot = [255, 112, 67];
const dot = [255, 255, 255];

// The curve: a smooth path through touchpoint emotions, sampled as a polyline.
const points = [
  [18, 70],
  [42, 44],
  [64, 88],
  [86, 60],
  [110, 36],
];
function curveY(x) {
  for (let i = 0; i < points.length - 1; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[i + 1];
    if (x >= x0 && x <= x1) {
      const t = (x - x0) / (x1 - x0);
      const s = t * t * (3 - 2 * t); // smoothstep: flat at each touchpoint, like a monotone curve
      return y0 + (y1 - y0) * s;
    }
  }
  return null;
}
const polyline = [];
for (let x = points[0][0]; x <= points[points.length - 1][0]; x += 0.5) polyline.push([x, curveY(x)]);
function distToCurve(x, y) {
  let best = Infinity;
  for (const [px, py] of polyline) best = Math.min(best, (px - x) ** 2 + (py - y) ** 2);
  return Math.sqrt(best);
}

function insideRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function colourAt(x, y) {
  if (!insideRoundedSquare(x, y, 22)) return null;
  let c = bg;
  if (y > 16 && y < 112) {
    const band = Math.floor(((x - 8) / 112) * 3);
    if (x > 8 && x < 120 && band >= 0 && band < 3 && (x - 8) % (112 / 3) > 2) c = bands[band];
  }
  if (distToCurve(x, y) <= 4.5) c = curve;
  for (let i = 0; i < points.length; i++) {
    const [px, py] = points[i];
    const d = Math.hypot(x - px, y - py);
    if (i === 2 ? d <= 11 : d <= 7) c = i === 2 ? hot : dot;
  }
  return c;
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let x = 0; x < SIZE; x++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a++;
      }
    }
    const o = 1 + x * 4;
    if (a) {
      row[o] = Math.round(r / a);
      row[o + 1] = Math.round(g / a);
      row[o + 2] = Math.round(b / a);
      row[o + 3] = Math.round((255 * a) / (SS * SS));
    }
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(path.join(__dirname, 'icon.png'), png);
