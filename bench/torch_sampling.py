"""Times the page's sampling job with PyTorch on the CPU, on the SAME exported weights.

    /usr/bin/python3 bench/torch_sampling.py --sampler ddim --steps 50 --count 16 --guidance 2 \
        [--chunk 16] [--eta 0] [--threads N] [--model public/models/colour-mnist-unet]

Called by bench/image.mjs (npm run bench:image). It loads public/models/colour-mnist-unet/
model.json + its float16 shard (the files the browser downloads), converts them back to the
PyTorch layout of training/models.py's UNet, and runs the same job as the page: the images in
chunks of --chunk, classifier-free guidance with both halves in one batch of 2 x chunk, DDIM on
the same S timesteps as lib/diffusion's ddimTimesteps (or DDPM ancestral over all T), x0 clipped
to [-1, 1]. Prints one JSON object: seconds, per-step ms, threads.
"""
import argparse
import json
import os
import sys
import time

import torch

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "training"))
from models import UNet, ddim_timesteps, load_exported  # noqa: E402


@torch.no_grad()
def run_chunk(model, betas, abar, sampler, steps, eta, w, digit, colour, gen, null_digit, null_colour):
    n = digit.shape[0]
    T = betas.shape[0]
    x = torch.randn(n, 3, 28, 28, generator=gen)
    ts = list(range(T, 0, -1)) if sampler == "ddpm" else ddim_timesteps(T, steps)
    dd = torch.cat([digit, torch.full_like(digit, null_digit)]) if w != 0 else digit
    cc = torch.cat([colour, torch.full_like(colour, null_colour)]) if w != 0 else colour
    for k, t in enumerate(ts):
        tt = torch.full((dd.shape[0],), t - 1, dtype=torch.long)
        xin = torch.cat([x, x]) if w != 0 else x
        e = model(xin, tt, dd, cc)
        eps = (1 + w) * e[:n] - w * e[n:] if w != 0 else e
        a_t = abar[t - 1]
        x0 = ((x - (1 - a_t).sqrt() * eps) / a_t.sqrt()).clamp(-1, 1)
        if sampler == "ddpm":
            a_prev = abar[t - 2] if t > 1 else torch.tensor(1.0)
            beta = betas[t - 1]
            c1 = a_prev.sqrt() * beta / (1 - a_t)
            c2 = (1 - beta).sqrt() * (1 - a_prev) / (1 - a_t)
            mean = c1 * x0 + c2 * x
            x = mean + (beta.sqrt() * torch.randn(x.shape, generator=gen) if t > 1 else 0)
        else:
            t_prev = ts[k + 1] if k + 1 < len(ts) else 0
            a_prev = abar[t_prev - 1] if t_prev > 0 else torch.tensor(1.0)
            eps = (x - a_t.sqrt() * x0) / (1 - a_t).sqrt()
            sigma = eta * ((1 - a_prev) / (1 - a_t)).sqrt() * (1 - a_t / a_prev).sqrt()
            x = a_prev.sqrt() * x0 + (1 - a_prev - sigma ** 2).clamp(min=0).sqrt() * eps
            if eta > 0:
                x = x + sigma * torch.randn(x.shape, generator=gen)
    return x.clamp(-1, 1), len(ts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sampler", choices=["ddim", "ddpm"], default="ddim")
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--eta", type=float, default=0.0)
    ap.add_argument("--count", type=int, default=16)
    ap.add_argument("--chunk", type=int, default=16)
    ap.add_argument("--guidance", type=float, default=2.0)
    ap.add_argument("--threads", type=int, default=0, help="0 = PyTorch's default")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save", default=None, help="write the samples as one PNG grid here")
    ap.add_argument("--model", default=os.path.join(REPO, "public", "models", "colour-mnist-unet"))
    args = ap.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    model, spec = load_exported(args.model, UNet)
    with open(os.path.join(args.model, "manifest.json")) as f:
        man = json.load(f)
    sch = man["schedule"]
    betas = torch.linspace(sch["beta_1"], sch["beta_T"], sch["T"], dtype=torch.float64)
    abar = torch.cumprod(1 - betas, 0).float()
    betas = betas.float()
    gen = torch.Generator().manual_seed(args.seed)
    nd, nc = spec["numDigits"], spec["numColours"]
    # warm-up (as the page's worker does one small forward pass after loading)
    with torch.no_grad():
        model(torch.zeros(2, 3, 28, 28), torch.zeros(2, dtype=torch.long), torch.zeros(2, dtype=torch.long), torch.zeros(2, dtype=torch.long))
    pairs = [(p % nd, (p // nd) % nc) for p in range(args.count)]
    t0 = time.perf_counter()
    steps_total = 0
    chunks = 0
    outs = []
    for s in range(0, args.count, args.chunk):
        part = pairs[s:s + args.chunk]
        d = torch.tensor([p[0] for p in part])
        c = torch.tensor([p[1] for p in part])
        x, k = run_chunk(model, betas, abar, args.sampler, args.steps, args.eta, args.guidance, d, c, gen, nd, nc)
        outs.append(x)
        steps_total += k
        chunks += 1
    secs = time.perf_counter() - t0
    if args.save:
        import cmnist
        cmnist.write_png(args.save, cmnist.to_uint8_grid(torch.cat(outs), 16))
    print(json.dumps({
        "torchVersion": torch.__version__,
        "threads": torch.get_num_threads(),
        "totalSeconds": secs,
        "perStepMs": 1000 * secs / max(1, steps_total),
        "steps": steps_total // max(1, chunks),
        "chunks": chunks,
        "batch": (2 if args.guidance != 0 else 1) * min(args.chunk, args.count),
    }))


if __name__ == "__main__":
    main()
