"""PyTorch CPU timings for losslab's bench, on the bench's own inputs.

    python3 bench/torch_losses.py MANIFEST.json

The manifest (written by bench/torch.ts) names raw little-endian arrays in its directory, the
losses to time with the arrays each reads (the first is the differentiated input), warm-up,
repetitions, the time budget and the thread count, with the harness's meanings. Prints one JSON object: torch's version, the threads used, and
per loss the forward and forward+backward timings in milliseconds and the loss value.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn.functional as F

LOSSES = {
    "l1Loss": lambda x, y: F.l1_loss(x, y),
    "mseLoss": lambda x, y: F.mse_loss(x, y),
    "huberLoss": lambda x, y: F.huber_loss(x, y, delta=1.0),
    "crossEntropy": lambda x, labels: F.cross_entropy(x, labels),
    "binaryCrossEntropyWithLogits": lambda x, t: F.binary_cross_entropy_with_logits(x, t),
    "klDiv": lambda log_q, p: F.kl_div(log_q, p, reduction="mean"),
}

DTYPES = {"float32": "<f4", "int32": "<i4"}  # little-endian, as the harness writes them


def load(directory, entry):
    """A manifest array as a tensor; class indices become int64, as PyTorch requires."""
    array = np.fromfile(os.path.join(directory, entry["file"]), dtype=DTYPES[entry["dtype"]])
    tensor = torch.from_numpy(array.reshape(entry["shape"]))
    return tensor.long() if entry["dtype"] == "int32" else tensor


def timed(run, warmup, reps, budget_ms, clock=time.perf_counter):
    """Untimed warm-up runs, then up to reps timed runs (ms by clock), fewer once they took budget_ms."""
    for _ in range(warmup):
        run()
    samples = []
    while len(samples) < reps and sum(samples) < budget_ms:
        start = clock()
        run()
        samples.append((clock() - start) * 1000)
    return samples


def measure(loss, tensors, repetitions):
    first, rest = tensors[0], tensors[1:]

    def forward():
        with torch.no_grad():
            return loss(first, *rest).item()

    differentiated = first.clone().requires_grad_()

    def forward_backward():
        differentiated.grad = None
        value = loss(differentiated, *rest)
        value.backward()
        return value.item()

    return {
        "forward": timed(forward, *repetitions),
        "forward+backward": timed(forward_backward, *repetitions),
        "value": forward(),
    }


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    directory = os.path.dirname(os.path.abspath(sys.argv[1]))
    torch.set_num_threads(manifest["threads"])
    warnings.filterwarnings("ignore", message="reduction: 'mean' divides")  # kl_div's advice
    arrays = {name: load(directory, entry) for name, entry in manifest["arrays"].items()}
    clock = time.process_time if manifest.get("clock") == "cpu" else time.perf_counter
    repetitions = (manifest["warmup"], manifest["reps"], manifest["budget_ms"], clock)
    losses = {
        case["loss"]: measure(LOSSES[case["loss"]], [arrays[n] for n in case["inputs"]], repetitions)
        for case in manifest["cases"]
    }
    print(json.dumps({"version": torch.__version__, "threads": torch.get_num_threads(), "losses": losses}))


if __name__ == "__main__":
    main()
