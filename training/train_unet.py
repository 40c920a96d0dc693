"""Train the conditional coloured-MNIST U-Net (DDPM, epsilon-prediction, L_simple, CFG dropout).

    nice -n 19 /usr/bin/python3 training/train_unet.py --out training/runs/unet

Re-running the same command resumes from <out>/ckpt.pt. Checkpoints are written atomically
(tmp file + rename) at the end of an epoch once --ckpt-every seconds have passed, and at the end.
Checkpoints (at most every --grid-every s) also write <out>/samples/epoch_XXXX.png (rows: digits 0-9, columns: the nine
colours; EMA weights, DDIM-25, guidance w=2) and appends a line per epoch to <out>/log.jsonl.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cmnist  # noqa: E402
from models import UNet, default_unet_spec, linear_schedule, ddim_sample, count_params  # noqa: E402


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="training/runs/unet")
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3, help="learning rate until the first --lr-steps epoch")
    ap.add_argument("--warmup", type=int, default=300, help="linear LR warm-up steps")
    ap.add_argument("--grad-clip", type=float, default=1.0)
    ap.add_argument("--ema", type=float, default=0.995, help="EMA decay until the first --lr-steps epoch")
    ap.add_argument("--lr-steps", default="48:2.5e-4,75:1.2e-4",
                    help="epoch:lr,... step decay of the learning rate ('' for none)")
    ap.add_argument("--ema-late", type=float, default=0.998, help="EMA decay from the first --lr-steps epoch on")
    ap.add_argument("--p-uncond", type=float, default=0.15, help="prob. of replacing each condition by 'none'")
    ap.add_argument("--seed", type=int, default=20260)
    ap.add_argument("--threads", type=int, default=2,
                    help="max CPU threads; drops to 1 for an epoch when other work keeps the CPUs busy")
    ap.add_argument("--ckpt-every", type=float, default=120.0, help="seconds between checkpoints")
    ap.add_argument("--grid-every", type=float, default=900.0, help="min. seconds between sample grids")
    ap.add_argument("--channels", help="channels per level, e.g. 16,32,64 (default: models.default_unet_spec)")
    ap.add_argument("--mid-blocks", type=int, help="residual blocks at the lowest resolution (default: the spec's)")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (for timing)")
    ap.add_argument("--no-samples", action="store_true")
    return ap.parse_args()


def atomic_save(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def save_sample_grid(ema_model, alphas_cumprod, path, device, seed):
    d = torch.arange(10).repeat_interleave(9).to(device)
    c = torch.arange(9).repeat(10).to(device)
    g = torch.Generator().manual_seed(seed)
    ema_model.eval()
    x = ddim_sample(ema_model, alphas_cumprod, d, c, steps=20, w=2.0, generator=g)
    cmnist.write_png(path, cmnist.to_uint8_grid(x, nrow=9))


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    os.makedirs(os.path.join(args.out, "samples"), exist_ok=True)
    ckpt_path = os.path.join(args.out, "ckpt.pt")

    gray, labels = cmnist.load_mnist()
    train_idx, _ = cmnist.split_indices(len(labels))
    gray, labels = gray[train_idx], labels[train_idx]
    n = len(labels)

    spec = default_unet_spec()
    if args.channels:
        spec["channels"] = [int(c) for c in args.channels.split(",")]
    if args.mid_blocks is not None:
        spec["midBlocks"] = args.mid_blocks
    betas, alphas_cumprod = linear_schedule(1000, 1e-4, 0.02)
    sqrt_ac = alphas_cumprod.sqrt().float().to(device)
    sqrt_1mac = (1 - alphas_cumprod).sqrt().float().to(device)
    T = betas.shape[0]

    torch.manual_seed(args.seed)
    model = UNet(spec).to(device)
    ema = UNet(spec).to(device)
    ema.load_state_dict(model.state_dict())
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    start_epoch, step, train_seconds = 0, 0, 0.0
    history = []  # config segments: a resumed run may use other hyper-parameters; all are recorded
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location=device)
        if ck["spec"] != spec:
            sys.exit(f"{ckpt_path} holds a network with spec {ck['spec']}, not {spec}: "
                     "pass the same --channels / --mid-blocks, or another --out")
        model.load_state_dict(ck["model"])
        ema.load_state_dict(ck["ema"])
        opt.load_state_dict(ck["opt"])
        start_epoch, step, train_seconds = ck["epoch"] + 1, ck["step"], ck["train_seconds"]
        history = ck.get("history") or [{"fromEpoch": 0, "fromStep": 0, "config": ck["config"]}]
        print(f"resumed from epoch {ck['epoch']} (step {step}, {train_seconds:.0f}s trained)", flush=True)
    else:
        print(f"fresh run: {count_params(model)} params on {device}, {n} training digits", flush=True)

    config = {k: v for k, v in vars(args).items()
              if k not in ("out", "max_steps", "no_samples", "threads", "ckpt_every", "grid_every", "channels", "mid_blocks")}
    config.update({"T": T, "beta_1": 1e-4, "beta_T": 0.02, "schedule": "linear", "objective": "eps (L_simple)",
                   "optimizer": "Adam", "device": str(device)})
    if not history or history[-1]["config"] != config:
        if history:
            print(f"note: hyper-parameters changed from epoch {start_epoch}: "
                  f"{ {k: v for k, v in config.items() if history[-1]['config'].get(k) != v} }", flush=True)
        history.append({"fromEpoch": start_epoch, "fromStep": step, "config": config})
    log_f = open(os.path.join(args.out, "log.jsonl"), "a")
    last_ckpt = time.time()
    last_grid = [0.0]

    def checkpoint(epoch):
        atomic_save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(),
                     "epoch": epoch, "step": step, "train_seconds": train_seconds,
                     "spec": spec, "config": config, "history": history}, ckpt_path)
        if not args.no_samples and (time.time() - last_grid[0] >= args.grid_every or epoch == args.epochs - 1):
            last_grid[0] = time.time()
            save_sample_grid(ema, alphas_cumprod, os.path.join(args.out, "samples", f"epoch_{epoch:04d}.png"),
                             device, args.seed)
        print(f"checkpoint epoch {epoch}", flush=True)

    lr_steps = sorted((int(a), float(b)) for a, b in (x.split(":") for x in args.lr_steps.split(",") if x.strip()))
    threads = args.threads
    for epoch in range(start_epoch, args.epochs):
        # On a shared, busy machine two OpenMP threads of a niced process mostly wait for each
        # other at barriers; one thread then trains faster. Decide per epoch from the load average.
        if device.type == "cpu" and args.threads > 1:
            others = os.getloadavg()[0] - threads
            threads = 1 if others > 0.7 else args.threads
            torch.set_num_threads(threads)
        lr_now, ema_now = args.lr, args.ema
        for at, lr_at in lr_steps:
            if epoch >= at:
                lr_now, ema_now = lr_at, args.ema_late
        # Everything random in an epoch derives from (seed, epoch): resuming repeats it exactly.
        x_all, d_all, c_all = cmnist.coloured_epoch(gray, labels, seed=args.seed * 1000 + epoch)
        torch.manual_seed(args.seed * 100003 + epoch)
        perm = torch.randperm(n)
        x_all, d_all, c_all = x_all.to(device), d_all.to(device), c_all.to(device)
        model.train()
        t0 = time.time()
        tot, cnt = 0.0, 0
        for b in range(0, n - args.batch + 1, args.batch):  # drop the last partial batch
            idx = perm[b:b + args.batch].to(device)
            x0, d, c = x_all[idx], d_all[idx].clone(), c_all[idx].clone()
            bs = x0.shape[0]
            d[torch.rand(bs, device=device) < args.p_uncond] = cmnist.NULL_DIGIT
            c[torch.rand(bs, device=device) < args.p_uncond] = cmnist.NULL_COLOUR
            t = torch.randint(0, T, (bs,), device=device)
            eps = torch.randn_like(x0)
            xt = sqrt_ac[t][:, None, None, None] * x0 + sqrt_1mac[t][:, None, None, None] * eps
            loss = ((model(xt, t, d, c) - eps) ** 2).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.grad_clip)
            for gp in opt.param_groups:
                gp["lr"] = lr_now * min(1.0, (step + 1) / args.warmup)
            opt.step()
            step += 1
            decay = min(ema_now, (1 + step) / (10 + step))
            with torch.no_grad():
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
            tot += loss.item() * bs
            cnt += bs
            if args.max_steps and step >= args.max_steps:
                dt = time.time() - t0
                print(f"timing: {cnt} samples in {dt:.1f}s = {cnt / dt:.0f} samples/s, loss {tot / cnt:.4f}")
                return
        dt = time.time() - t0
        train_seconds += dt
        rec = {"epoch": epoch, "step": step, "loss": round(tot / cnt, 5), "epoch_s": round(dt, 1), "threads": threads,
               "samples_per_s": round(cnt / dt, 1), "train_seconds": round(train_seconds, 1),
               "time": time.strftime("%H:%M:%S")}
        log_f.write(json.dumps(rec) + "\n")
        log_f.flush()
        print(json.dumps(rec), flush=True)
        if time.time() - last_ckpt >= args.ckpt_every or epoch == args.epochs - 1:
            checkpoint(epoch)
            last_ckpt = time.time()
    last_grid = [0.0]
    print("done", flush=True)
    with open(os.path.join(args.out, "DONE"), "w") as f:
        f.write(f"epochs {args.epochs} steps {step} train_seconds {train_seconds:.0f}\n")


if __name__ == "__main__":
    main()
