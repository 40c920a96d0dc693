"""Train the evaluation classifier (digit head + colour head) on freshly coloured digits.

    nice -n 19 /usr/bin/python3 training/train_classifier.py --out training/runs/classifier

Writes <out>/classifier.pt (atomically) with the weights, spec, config and held-out accuracy
(the fixed 10% hold-out of cmnist.split_indices, coloured once with a fixed seed).
Augmentation: random shifts of up to 2 px, so that it grades generated digits fairly.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cmnist  # noqa: E402
from models import Classifier, default_classifier_spec, count_params  # noqa: E402

HELDOUT_COLOUR_SEED = 777


def heldout_set():
    gray, labels = cmnist.load_mnist()
    _, hold = cmnist.split_indices(len(labels))
    return cmnist.coloured_epoch(gray[hold], labels[hold], seed=HELDOUT_COLOUR_SEED)


@torch.no_grad()
def accuracy(model, x, d, c, batch=500):
    model.eval()
    dc = cc = 0
    for i in range(0, len(d), batch):
        ld, lc, _ = model(x[i:i + batch])
        dc += (ld.argmax(1) == d[i:i + batch]).sum().item()
        cc += (lc.argmax(1) == c[i:i + batch]).sum().item()
    return dc / len(d), cc / len(d)


def random_shift(x, gen, max_shift=2):
    """Shift each image by an integer offset in [-max_shift, max_shift]^2, padding with edge pixels."""
    n = x.shape[0]
    p = max_shift
    xp = F.pad(x, (p, p, p, p), mode="replicate")
    off = torch.randint(0, (2 * p + 1) ** 2, (n,), generator=gen)
    out = torch.empty_like(x)
    for k in range((2 * p + 1) ** 2):
        sel = (off == k).nonzero().flatten()
        if len(sel):
            dy, dx = divmod(k, 2 * p + 1)
            out[sel] = xp[sel, :, dy:dy + 28, dx:dx + 28]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="training/runs/classifier")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=4321)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    gray, labels = cmnist.load_mnist()
    train_idx, _ = cmnist.split_indices(len(labels))
    gray, labels = gray[train_idx], labels[train_idx]
    xh, dh, ch = heldout_set()

    spec = default_classifier_spec()
    model = Classifier(spec)
    print(f"classifier: {count_params(model)} params", flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps_per_epoch = len(labels) // args.batch
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs * steps_per_epoch)
    gen = torch.Generator().manual_seed(args.seed)
    t_start = time.time()
    for epoch in range(args.epochs):
        x_all, d_all, c_all = cmnist.coloured_epoch(gray, labels, seed=args.seed * 1000 + epoch)
        perm = torch.randperm(len(labels), generator=gen)
        model.train()
        tot = 0.0
        for s in range(steps_per_epoch):
            idx = perm[s * args.batch:(s + 1) * args.batch]
            x = random_shift(x_all[idx], gen)
            ld, lc, _ = model(x)
            loss = F.cross_entropy(ld, d_all[idx]) + F.cross_entropy(lc, c_all[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            tot += loss.item()
        acc_d, acc_c = accuracy(model, xh, dh, ch)
        print(json.dumps({"epoch": epoch, "loss": round(tot / steps_per_epoch, 4), "heldout_digit_acc": acc_d,
                          "heldout_colour_acc": acc_c, "elapsed_s": round(time.time() - t_start, 1)}), flush=True)
    acc_d, acc_c = accuracy(model, xh, dh, ch)
    result = {"heldout_digit_accuracy": acc_d, "heldout_colour_accuracy": acc_c, "heldout_n": len(dh),
              "heldout_colour_seed": HELDOUT_COLOUR_SEED}
    config = {k: v for k, v in vars(args).items() if k not in ("out", "threads")}
    config.update({"augmentation": "random integer shift up to 2 px (replicate padding)", "optimizer": "Adam, cosine LR decay",
                   "train_seconds": round(time.time() - t_start, 1)})
    tmp = os.path.join(args.out, "classifier.pt.tmp")
    torch.save({"model": model.state_dict(), "spec": spec, "config": config, "result": result}, tmp)
    os.replace(tmp, os.path.join(args.out, "classifier.pt"))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
