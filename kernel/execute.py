"""Executes one notebook with Jupyter's own executor (nbclient) and reports what happened as JSON.

    .venv/bin/python kernel/execute.py NOTEBOOK OUTPUT --timeout SECONDS   (kernel/notebooks.ts runs it)

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


def failure_text(cell, exc, timeout):
    """What went wrong in the cell: a timeout or a dead kernel says so first."""
    if isinstance(exc, CellTimeoutError):
        return f"timed out after {timeout} s (the cell's limit)\n{cell_error(cell, exc)}".strip()
    if isinstance(exc, DeadKernelError):
        return f"the kernel died\n{cell_error(cell, exc)}".strip()
    return cell_error(cell, exc)


def execute(source, target, timeout):
    nb = nbformat.read(source, as_version=4)
    report = {"ok": True, "kernelStartSeconds": 0.0, "cellSeconds": [], "failure": None}
    started = time.perf_counter()
    current = {"index": None, "began": started}

    def kernel_started(**_):
        report["kernelStartSeconds"] = time.perf_counter() - started

    def cell_started(cell_index, **_):
        current.update(index=cell_index, began=time.perf_counter())

    def cell_executed(**_):
        report["cellSeconds"].append(time.perf_counter() - current["began"])

    client = NotebookClient(nb, timeout=timeout, kernel_name="tslab",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}},
                            on_notebook_start=kernel_started, on_cell_start=cell_started,
                            on_cell_executed=cell_executed)
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        index = current["index"]
        report["ok"] = False
        report["failure"] = {"cell": index, "error": failure_text(nb.cells[index] if index is not None else {}, exc, timeout)}
    except Exception as exc:  # the kernel did not start
        report["ok"] = False
        report["failure"] = {"cell": None, "error": f"{type(exc).__name__}: {exc}"}
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
