"""Writes __tests__/fixtures/ddim-timesteps.json: the DDIM sub-sequences the training scripts
sample on (models.ddim_timesteps), for several (T, S), so that a Jest test can check that the
browser's ddimTimesteps (lib/diffusion/samplers.ts, uniform spacing) visits the same steps.

    /usr/bin/python3 training/ddim_timesteps_fixture.py [--check]

Before writing, the script checks its own side three ways: ddim_timesteps against an exact
rational statement of tau_i = round(i*T/S) with halves rounded up (JavaScript's Math.round);
a few sequences worked out by hand; and models.ddim_sample itself, run with a stand-in network
that records the time indices it is called with. --check compares with the committed fixture
instead of writing it (exit status 1 on a difference).
"""
import argparse
import json
import os
import sys
from fractions import Fraction

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import ddim_sample, ddim_timesteps, linear_schedule  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(REPO, "__tests__", "fixtures", "ddim-timesteps.json")
# S = T, S = 1, divisors and non-divisors of T, halves that round up (T = 10, S = 4), the site's 50 of 1000.
CASES = [(1000, 50), (1000, 1000), (1000, 1), (1000, 10), (1000, 3), (1000, 7), (1000, 33), (1000, 999),
         (1000, 600), (10, 4), (10, 3), (7, 7), (7, 2), (5, 1), (2, 1), (100, 30), (200, 64), (4000, 250)]
BY_HAND = {(10, 4): [10, 8, 5, 3], (1000, 10): list(range(1000, 0, -100)), (7, 2): [7, 4], (5, 1): [5]}


def exact(T, S):
    """round(i*T/S) with halves rounded up, in exact rationals; descending."""
    # int() floors a positive Fraction
    return [int(Fraction(i * T, S) + Fraction(1, 2)) for i in range(S, 0, -1)]


class RecordingNet(torch.nn.Module):
    """Predicts zero noise and records the time index of every call."""

    def __init__(self):
        super().__init__()
        self.p = torch.nn.Parameter(torch.zeros(1))
        self.calls = []

    def forward(self, x, t, digit, colour):
        self.calls.append(int(t[0]))
        return torch.zeros_like(x)


def check_own_side():
    for T, S in CASES:
        tau = ddim_timesteps(T, S)
        assert tau == exact(T, S), (T, S, tau[:5])
        assert len(tau) == S and tau[0] == T and tau[-1] >= 1, (T, S)
        assert all(a > b for a, b in zip(tau, tau[1:])), (T, S)
    for (T, S), tau in BY_HAND.items():
        assert ddim_timesteps(T, S) == tau, (T, S, ddim_timesteps(T, S))
    _, ac = linear_schedule(1000, 1e-4, 0.02)
    for S in (50, 7, 1):
        net = RecordingNet()
        ddim_sample(net, ac, torch.zeros(1, dtype=torch.long), torch.zeros(1, dtype=torch.long), steps=S, w=0)
        # the network takes t as an index 0..T-1 (paper step t = index + 1)
        assert net.calls == [t - 1 for t in ddim_timesteps(1000, S)], (S, net.calls[:5])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the committed fixture instead of writing it")
    args = ap.parse_args()
    check_own_side()
    fixture = {
        "note": "DDIM sub-sequences tau_i = round(i*T/S), i = 1..S, paper steps, descending (training/models.py "
                "ddim_timesteps; written by training/ddim_timesteps_fixture.py). Uniform spacing.",
        "cases": [{"T": T, "S": S, "timesteps": ddim_timesteps(T, S)} for T, S in CASES],
    }
    if args.check:
        with open(FIXTURE) as fh:
            same = json.load(fh) == fixture
        print("fixture matches" if same else "fixture differs from training/models.py", flush=True)
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    with open(FIXTURE + ".tmp", "w") as fh:
        json.dump(fixture, fh, separators=(",", ":"))
        fh.write("\n")
    os.replace(FIXTURE + ".tmp", FIXTURE)
    print(f"wrote {os.path.relpath(FIXTURE, REPO)}: {len(CASES)} cases; own checks passed")


if __name__ == "__main__":
    main()
