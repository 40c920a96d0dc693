"""Compare the chosen U-Net against a ~1.28M-parameter reference U-Net (channels 32/64/128,
two residual blocks per level, a skip after every block as in improved-diffusion, no attention):
parameters, conv/linear MACs per image, and PyTorch CPU forward time at batch 32 (1 and 2 threads).

    /usr/bin/python3 training/bench_arch.py [--json out.json]
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import UNet, ResBlock, default_unet_spec, timestep_embedding, count_params, conv_macs  # noqa: E402


class ReferenceUNet(nn.Module):
    """Improved-diffusion-style layout: skip saved after every block and every downsample."""

    def __init__(self, ch=(32, 64, 128), nres=2, ed=128, g=8):
        super().__init__()
        self.time_mlp = nn.Sequential(nn.Linear(32, ed), nn.SiLU(), nn.Linear(ed, ed))
        self.conv_in = nn.Conv2d(3, ch[0], 3, padding=1)
        self.down = nn.ModuleList()
        skip_ch = [ch[0]]
        cin = ch[0]
        for lvl, c in enumerate(ch):
            for _ in range(nres):
                self.down.append(ResBlock(cin, c, ed, g))
                cin = c
                skip_ch.append(c)
            if lvl < len(ch) - 1:
                self.down.append(nn.AvgPool2d(2))
                skip_ch.append(c)
        self.mid = nn.ModuleList([ResBlock(cin, cin, ed, g), ResBlock(cin, cin, ed, g)])
        self.up = nn.ModuleList()
        for lvl in reversed(range(len(ch))):
            for i in range(nres + 1):
                self.up.append(ResBlock(cin + skip_ch.pop(), ch[lvl], ed, g))
                cin = ch[lvl]
                if lvl > 0 and i == nres:
                    self.up.append(nn.Upsample(scale_factor=2, mode="nearest"))
        self.norm_out = nn.GroupNorm(g, ch[0])
        self.conv_out = nn.Conv2d(ch[0], 3, 3, padding=1)

    def forward(self, x, t):
        e = F.silu(self.time_mlp(timestep_embedding(t, 32)))
        h = self.conv_in(x)
        hs = [h]
        for m in self.down:
            h = m(h, e) if isinstance(m, ResBlock) else m(h)
            hs.append(h)
        for m in self.mid:
            h = m(h, e)
        for m in self.up:
            if isinstance(m, ResBlock):
                h = m(torch.cat([h, hs.pop()], 1), e)
            else:
                h = m(h)
        return self.conv_out(F.silu(self.norm_out(h)))


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
    return 1000 * ts[len(ts) // 2]


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
    ref = ReferenceUNet().eval()
    ours = UNet(default_unet_spec()).eval()
    res = {}
    for name, m, extra in [("reference_32_64_128_x2", ref, (t[:1],)), ("ours", ours, (t[:1], d[:1], c[:1]))]:
        fn = (lambda m=m: m(x, t)) if name.startswith("ref") else (lambda m=m: m(x, t, d, c))
        res[name] = {
            "params": count_params(m),
            "macs_per_image": conv_macs(m, (1, 3, 28, 28), *extra),
            "cpu_ms_batch32_1thread": round(time_forward(fn, 1), 1),
            "cpu_ms_batch32_2threads": round(time_forward(fn, 2), 1),
        }
    r, o = res["reference_32_64_128_x2"], res["ours"]
    res["ratio_macs"] = round(r["macs_per_image"] / o["macs_per_image"], 2)
    res["ratio_ms_1thread"] = round(r["cpu_ms_batch32_1thread"] / o["cpu_ms_batch32_1thread"], 2)
    res["ratio_ms_2threads"] = round(r["cpu_ms_batch32_2threads"] / o["cpu_ms_batch32_2threads"], 2)
    print(json.dumps(res, indent=1))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
