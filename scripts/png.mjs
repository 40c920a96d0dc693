// A minimal PNG encoder (8-bit RGB or RGBA, no filter, zlib from Node): the icons
// (scripts/make-icons.mjs) and the image benchmark's sample files (bench/image.mjs) use it.
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** PNG bytes of a width × height image; `pixels` holds `channels` (3: RGB, 4: RGBA) bytes per pixel, row by row. */
export function encodePng(width, height, pixels, channels = 3) {
  if (channels !== 3 && channels !== 4) throw new RangeError(`encodePng: channels must be 3 or 4 (got ${channels})`);
  const row = width * channels;
  if (pixels.length !== row * height) throw new RangeError(`encodePng: expected ${row * height} bytes, got ${pixels.length}`);
  const raw = Buffer.alloc((row + 1) * height); // each row starts with filter type 0 (none)
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * row, (y + 1) * row), y * (row + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? 6 : 2; // colour type: RGBA or RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}
