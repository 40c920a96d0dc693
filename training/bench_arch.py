"""Compare the chosen U-Net against a ~1.3M-parameter reference U-Net (channels 32/64/128, two
residual blocks per level; see reference_spec): parameters, conv/linear MACs per image, and
PyTorch CPU forward time at batch 32 (1 and 2 threads; fastest of 10 after 3 warm-ups).

    /usr/bin/python3 training/bench_arch.py [--json out.json]
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import UNet, default_unet_spec, count_params, conv_macs  # noqa: E402


def reference_spec():
    """A ~1.3M-parameter reference in the same family: channels 32/64/128, two residual blocks per
    level at 28x28 and 14x14 (one at 7x7, no mid blocks, to land near the 1.28M-parameter U-Net timed in docs/sources.md)."""
    spec = default_unet_spec()
    spec.update({"channels": [32, 64, 128], "downBlocks": [2, 2, 1], "midBlocks": 0, "upBlocks": [2, 2, 1]})
    return spec


def time_forward(fn, threads, reps=10):
    torch.set_num_threads(threads)
    with torch.no_grad():
        for _ in range(3):
            fn()
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    ts.sort()
    return 1000 * ts[0]  # the fastest run: least disturbed by other work on a shared machine


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json")
    args = ap.parse_args()
    torch.manual_seed(0)
    B = 32
    x = torch.randn(B, 3, 28, 28)
    t = torch.randint(0, 1000, (B,))
    d = torch.randint(0, 11, (B,))
    c = torch.randint(0, 10, (B,))
    ref = UNet(reference_spec()).eval()
    ours = UNet(default_unet_spec()).eval()
    res = {"load_average_at_start": os.getloadavg()[0], "reference_spec": reference_spec()}
    for name, m in [("reference_32_64_128", ref), ("ours", ours)]:
        fn = (lambda m=m: m(x, t, d, c))
        extra = (t[:1], d[:1], c[:1])
        res[name] = {
            "params": count_params(m),
            "macs_per_image": conv_macs(m, (1, 3, 28, 28), *extra),
            "cpu_ms_batch32_1thread": round(time_forward(fn, 1), 1),
            "cpu_ms_batch32_2threads": round(time_forward(fn, 2), 1),
        }
    r, o = res["reference_32_64_128"], res["ours"]
    res["ratio_macs"] = round(r["macs_per_image"] / o["macs_per_image"], 2)
    res["ratio_ms_1thread"] = round(r["cpu_ms_batch32_1thread"] / o["cpu_ms_batch32_1thread"], 2)
    res["ratio_ms_2threads"] = round(r["cpu_ms_batch32_2threads"] / o["cpu_ms_batch32_2threads"], 2)
    print(json.dumps(res, indent=1))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
