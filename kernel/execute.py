"""Executes one notebook with Jupyter's own executor (nbclient) and reports what happened as JSON.

    python3 kernel/execute.py NOTEBOOK OUTPUT --timeout SECONDS

Writes the executed copy to OUTPUT (also when a cell fails) and prints one JSON object on stdout:
{"ok", "kernelStartSeconds", "cellSeconds": [...], "failure": {"cell", "error"} | null}.
tslab reports a failed cell with an empty traceback, so the error is taken from the cell's stderr.
"""
import argparse
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


TOOLCHAIN_FRAME = re.compile(r"^\s+at .*(node:vm|node:internal|/tslab/dist/|sigintHandlersWrap)")


def without_toolchain_frames(text):
    """The error as the notebook's author needs it: stack frames inside tslab and Node's vm dropped."""
    return "\n".join(line for line in text.splitlines() if not TOOLCHAIN_FRAME.match(line))


def cell_error(cell, exc):
    """The most useful description of a failed cell: its stderr, else the error output, else exc."""
    stderr = "".join(o.get("text", "") for o in cell.get("outputs", [])
                     if o.get("output_type") == "stream" and o.get("name") == "stderr").strip()
    if stderr:
        return without_toolchain_frames(stderr)
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            text = "\n".join(o.get("traceback") or []) or f"{o.get('ename', '')}: {o.get('evalue', '')}"
            if text.strip(": \n"):
                return text.strip()
    return str(exc).strip() or type(exc).__name__


def execute(source, target, timeout):
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="tslab",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}})
    report = {"ok": True, "kernelStartSeconds": 0.0, "cellSeconds": [], "failure": None}
    started = time.perf_counter()
    try:
        with client.setup_kernel():
            report["kernelStartSeconds"] = time.perf_counter() - started
            for index, cell in enumerate(nb.cells):
                began = time.perf_counter()
                try:
                    client.execute_cell(cell, index)
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
                    report["ok"] = False
                    report["failure"] = {"cell": index, "error": cell_error(cell, exc)}
                    break
                finally:
                    report["cellSeconds"].append(time.perf_counter() - began)
    except Exception as exc:  # the kernel did not start, or died between cells
        report["ok"] = False
        report["failure"] = report["failure"] or {"cell": None, "error": f"{type(exc).__name__}: {exc}"}
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    nbformat.write(nb, target)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--timeout", type=int, default=120, help="seconds each cell may run")
    args = parser.parse_args()
    json.dump(execute(args.notebook, args.output, args.timeout), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
