"""Evaluate the trained U-Net with the evaluation classifier, and tune the default guidance.

    nice -n 19 /usr/bin/python3 training/evaluate.py [--ckpt training/runs/unet/ckpt.pt]
    nice -n 19 /usr/bin/python3 training/evaluate.py --exported public/models

Uses the EMA weights rounded to float16 (exactly what public/models ships): from the training
checkpoints, or with --exported from the shipped files themselves (model.json + float16 shard of
colour-mnist-unet and colour-mnist-classifier; training/runs/ is not committed). DDIM runs on the
browser's sub-sequence tau_i = round(i*T/S) (models.ddim_timesteps). Steps:
1. Guidance sweep: for each w in --sweep, DDIM-50 (eta 0) samples over all digit x colour pairs
   (--sweep-per-pair each); classifier agreement with the requested digit and colour, and the
   Frechet distance (FD) to the 1,000 held-out real coloured digits in the classifier's
   penultimate features. Default w = the w with the lowest FD among those whose digit and colour
   agreement both reach --target; if none reaches it, the w with the highest min(agreement).
2. Final evaluation at that w on --n samples (all 90 pairs, evenly):
   - agreement (digit, colour) and per-digit digit agreement;
   - FD(samples, held-out real) with n vs 1,000, and the reference FD between two disjoint
     halves of the held-out set (500 vs 500) together with FD(500 samples, the second half), so
     that equal-size numbers can be compared (FD is biased upwards at small sizes);
   - memorization share: share of samples whose nearest training image (L2 on the stroke
     intensity map, 784-d) is closer than the median nearest-neighbour distance between
     training images of the requested digit. The same statistic for the held-out real digits
     (never trained on) is reported as the reference a model that does not copy should match.
Writes training/results/eval.json (read by export_tfjs.py into manifest.json) and a sample grid.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cmnist  # noqa: E402
from models import UNet, Classifier, linear_schedule, ddim_sample, load_exported  # noqa: E402
from train_classifier import heldout_set  # noqa: E402

REPO = cmnist.REPO


def round_fp16_(model):
    with torch.no_grad():
        for p in model.state_dict().values():
            p.copy_(p.half().float())
    return model


def load_models(args):
    """(U-Net, classifier, provenance) from the checkpoints, or from the exported files with --exported."""
    if args.exported:
        model, _ = load_exported(os.path.join(args.exported, "colour-mnist-unet"), UNet)
        clf, _ = load_exported(os.path.join(args.exported, "colour-mnist-classifier"), Classifier)
        with open(os.path.join(args.exported, "colour-mnist-unet", "manifest.json")) as fh:
            tr = json.load(fh)["training"]
        with open(os.path.join(args.exported, "colour-mnist-classifier", "manifest.json")) as fh:
            cev = json.load(fh)["evaluation"]
        held = {k: cev[k] for k in ("heldout_digit_accuracy", "heldout_colour_accuracy", "heldout_n", "heldout_colour_seed")}
        meta = {"epoch": tr["epochsDone"] - 1, "step": tr["steps"], "classifier": held,
                "weights": f"EMA, float16, read from the exported files in {os.path.relpath(args.exported, REPO)}"}
        return model, clf, meta
    for path in (args.ckpt, args.classifier):
        if not os.path.exists(path):
            raise SystemExit(f"{path} does not exist (training/runs/ is not committed); "
                             "train first, or evaluate the shipped weights with --exported public/models")
    ck = torch.load(args.ckpt, map_location="cpu")
    model = UNet(ck["spec"])
    model.load_state_dict(ck["ema"])
    cck = torch.load(args.classifier, map_location="cpu")
    clf = Classifier(cck["spec"])
    clf.load_state_dict(cck["model"])
    meta = {"epoch": ck["epoch"], "step": ck["step"], "classifier": cck["result"],
            "weights": "EMA, rounded to float16 (as exported)"}
    return model, clf, meta


def frechet_distance(f1, f2):
    """||mu1-mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)); the trace term via eigenvalues of S1^(1/2) S2 S1^(1/2)."""
    f1, f2 = np.asarray(f1, np.float64), np.asarray(f2, np.float64)
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    ev, evec = np.linalg.eigh(s1)
    r1 = (evec * np.sqrt(np.clip(ev, 0, None))) @ evec.T
    m = r1 @ s2 @ r1
    tr_sqrt = np.sqrt(np.clip(np.linalg.eigvalsh((m + m.T) / 2), 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * tr_sqrt)


@torch.no_grad()
def classify(clf, x, batch=500):
    ds, cs, fs = [], [], []
    for i in range(0, len(x), batch):
        ld, lc, f = clf(x[i:i + batch])
        ds.append(ld.argmax(1))
        cs.append(lc.argmax(1))
        fs.append(f)
    return torch.cat(ds), torch.cat(cs), torch.cat(fs).numpy()


def sample_pairs(model, ac, per_pair, w, seed, steps=50, batch=180):
    d = torch.arange(10).repeat_interleave(9).repeat(per_pair)
    c = torch.arange(9).repeat(10).repeat(per_pair)
    g = torch.Generator().manual_seed(seed)
    xs = [ddim_sample(model, ac, d[i:i + batch], c[i:i + batch], steps=steps, w=w, generator=g)
          for i in range(0, len(d), batch)]
    return torch.cat(xs), d, c


def intensity(x):
    """Stroke intensity map in [0,1] from a coloured image in [-1,1]: brightest channel, per-image max-normalised."""
    v = ((x + 1) / 2).amax(dim=1).reshape(len(x), -1)
    v = v - v.amin(dim=1, keepdim=True)
    return v / v.amax(dim=1, keepdim=True).clamp_min(1e-6)


def nn_dist(a, b, exclude_self=False):
    """For each row of a, L2 distance to its nearest row of b."""
    out = []
    for i in range(0, len(a), 500):
        dd = torch.cdist(a[i:i + 500], b)
        if exclude_self:
            idx = torch.arange(i, min(i + 500, len(a)))
            dd[torch.arange(len(idx)), idx] = float("inf")
        out.append(dd.min(dim=1).values)
    return torch.cat(out)


def memorization(samples_v, sample_digits, train_v, train_labels, reference_v, reference_digits):
    thr = {}
    for k in range(10):
        tv = train_v[train_labels == k]
        thr[k] = float(nn_dist(tv, tv, exclude_self=True).median())
    t_s = torch.tensor([thr[int(k)] for k in sample_digits])
    t_r = torch.tensor([thr[int(k)] for k in reference_digits])
    share = float((nn_dist(samples_v, train_v) < t_s).float().mean())
    ref = float((nn_dist(reference_v, train_v) < t_r).float().mean())
    return share, ref, thr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(REPO, "training/runs/unet/ckpt.pt"))
    ap.add_argument("--classifier", default=os.path.join(REPO, "training/runs/classifier/classifier.pt"))
    ap.add_argument("--exported", help="directory holding the exported colour-mnist-unet/ and colour-mnist-classifier/ "
                    "(e.g. public/models); used instead of --ckpt and --classifier")
    ap.add_argument("--out", default=os.path.join(REPO, "training/results/eval.json"))
    ap.add_argument("--sweep", default="0,1,2,3,4")
    ap.add_argument("--sweep-per-pair", type=int, default=1)
    ap.add_argument("--steps", type=int, default=50, help="DDIM steps (50 is what the site uses)")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--target", type=float, default=0.95)
    ap.add_argument("--threads", type=int, default=0, help="0: 2, or 1 when the load average shows busy CPUs")
    ap.add_argument("--seed", type=int, default=31337)
    ap.add_argument("--reuse-sweep", help="JSON list of sweep records from an earlier run with the same checkpoint and seed")
    args = ap.parse_args()
    torch.set_num_threads(args.threads or (1 if os.getloadavg()[0] > 1.5 else 2))
    t_start = time.time()

    model, clf, meta = load_models(args)
    round_fp16_(model).eval()
    round_fp16_(clf).eval()
    _, ac = linear_schedule(1000, 1e-4, 0.02)

    xr, dr, cr = heldout_set()
    _, _, feat_real = classify(clf, xr)

    sweep = []
    if args.reuse_sweep:
        with open(args.reuse_sweep) as fh:
            sweep = json.load(fh)
        print(f"reusing guidance sweep from {args.reuse_sweep}: w = {[r['w'] for r in sweep]}", flush=True)
    for w in ([] if args.reuse_sweep else [float(v) for v in args.sweep.split(",")]):
        x, d, c = sample_pairs(model, ac, args.sweep_per_pair, w, args.seed, args.steps)
        pd, pc, f = classify(clf, x)
        rec = {"w": w, "n": len(d), "digitAgreement": float((pd == d).float().mean()),
               "colourAgreement": float((pc == c).float().mean()), "fdVsHeldout1000": frechet_distance(f, feat_real)}
        sweep.append(rec)
        print(json.dumps(rec), flush=True)
    ok = [r for r in sweep if r["digitAgreement"] >= args.target and r["colourAgreement"] >= args.target]
    best = min(ok, key=lambda r: r["fdVsHeldout1000"]) if ok else max(
        sweep, key=lambda r: min(r["digitAgreement"], r["colourAgreement"]))
    w = best["w"]
    rule = (f"lowest FD among w with digit and colour agreement >= {args.target}" if ok
            else "no w reached the target; highest min(digit, colour) agreement")
    print(f"default guidance w = {w} ({rule})", flush=True)

    # the final samples are cached next to the output, keyed by checkpoint step, w, n and steps,
    # so that a failure after sampling can be fixed and re-run without sampling again
    cache_dir = os.path.join(REPO, "training", "runs", "eval_cache")
    os.makedirs(cache_dir, exist_ok=True)
    cache = os.path.join(cache_dir, f"eval_samples_step{meta['step']}_w{w}_tau-round_n{args.n}_s{args.steps}.pt")
    if os.path.exists(cache):
        x, d, c = torch.load(cache)
        print(f"reusing {cache}", flush=True)
    else:
        per_pair = int(np.ceil(args.n / 90))
        x, d, c = sample_pairs(model, ac, per_pair, w, args.seed + 1, args.steps)
        x, d, c = x[:args.n], d[:args.n], c[:args.n]
        os.makedirs(os.path.dirname(args.out), exist_ok=True)
        torch.save((x, d, c), cache)
    pd, pc, f = classify(clf, x)
    # two disjoint random halves (the held-out set is stored sorted by digit, so not [:500] / [500:])
    rperm = np.random.RandomState(args.seed).permutation(len(feat_real))
    half = len(feat_real) // 2
    real_a, real_b = feat_real[rperm[:half]], feat_real[rperm[half:]]
    per_digit = {str(k): float((pd[d == k] == k).float().mean()) for k in range(10)}
    colour_names = cmnist.COLOUR_NAMES
    per_colour = {colour_names[k]: float((pc[c == k] == k).float().mean()) for k in range(9)}

    gray, labels = cmnist.load_mnist()
    tr_idx, _ = cmnist.split_indices(len(labels))
    train_v = torch.from_numpy(gray[tr_idx].reshape(len(tr_idx), -1))
    train_v = train_v / train_v.amax(dim=1, keepdim=True).clamp_min(1e-6)
    train_labels = torch.from_numpy(labels[tr_idx])
    mem, mem_ref, thr = memorization(intensity(x), d, train_v, train_labels, intensity(xr), dr)

    grid_path = os.path.join(os.path.dirname(args.out), "eval_samples.png")
    cmnist.write_png(grid_path, cmnist.to_uint8_grid(x[:180], nrow=18))
    result = {
        "checkpointEpoch": meta["epoch"], "checkpointStep": meta["step"],
        "weights": meta["weights"],
        "sampler": f"DDIM eta=0, {args.steps} steps tau_i = round(i*T/S) (as the browser), x0 clipped to [-1,1]",
        "guidanceSweep": sweep,
        "defaultGuidance": w,
        "defaultGuidanceRule": rule,
        "n": len(d),
        "digitAgreement": float((pd == d).float().mean()),
        "colourAgreement": float((pc == c).float().mean()),
        "digitAgreementPerDigit": per_digit,
        "colourAgreementPerColour": per_colour,
        "fdSamplesVsHeldout": frechet_distance(f, feat_real),
        "fdSamplesVsHeldoutSizes": [len(d), len(feat_real)],
        "fdHeldoutHalves": frechet_distance(real_a, real_b),
        "fdSamples500VsHeldoutHalf": frechet_distance(f[:half], real_b),
        "fdFeatures": f"classifier penultimate features ({feat_real.shape[1]}-d)",
        "memorizationShare": mem,
        "memorizationShareHeldoutReal": mem_ref,
        "memorizationThresholds": {str(k): round(v, 4) for k, v in thr.items()},
        "memorizationMethod": "L2 on 784-d stroke intensity maps (max over RGB, min-max normalised); threshold = "
                              "median over training images of the requested digit of their nearest same-digit "
                              "training neighbour; nearest training image searched over all 9,000",
        "classifierHeldout": meta["classifier"],
        "evalSeconds": round(time.time() - t_start, 1),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".tmp", "w") as fh:
        json.dump(result, fh, indent=1)
    os.replace(args.out + ".tmp", args.out)
    print(json.dumps({k: v for k, v in result.items() if k not in ("guidanceSweep",)}, indent=1))


if __name__ == "__main__":
    main()
