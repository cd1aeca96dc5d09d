"""executors: serial, worker processes and a Dask cluster give the same results, in batch order."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import contract, executors, pipeline
from generator.errors import ConfigError
from tests.conftest import REPO, make_settings


def tagged(batch: list[int]) -> tuple[list[int], int]:
    """The batch squared and the id of the process that did it."""
    return [n * n for n in batch], os.getpid()


BATCHES = [[1, 2], [3], [4, 5, 6], [7]]
SQUARED = [[1, 4], [9], [16, 25, 36], [49]]


def test_serial_maps_in_order_in_this_process():
    results = list(executors.Serial().map(tagged, BATCHES))
    assert [r for r, _ in results] == SQUARED
    assert {pid for _, pid in results} == {os.getpid()}


def test_processes_map_in_batch_order_in_worker_processes():
    prepared = []
    runner = executors.Processes(2, prepare=lambda: prepared.append(True))
    results = list(runner.map(tagged, BATCHES))
    runner.close()
    assert [r for r, _ in results] == SQUARED
    assert os.getpid() not in {pid for _, pid in results}
    assert prepared == [True]


@pytest.mark.parametrize(("workers", "batches"), [(1, BATCHES), (2, BATCHES[:1])])
def test_processes_run_here_when_there_is_nothing_to_share(workers, batches):
    results = list(executors.Processes(workers).map(tagged, batches))
    assert {pid for _, pid in results} == {os.getpid()}


def note_and_wait(folder: str) -> None:
    """A batch that writes its worker's process id into folder and then waits to be killed."""
    Path(folder, str(os.getpid())).touch()
    time.sleep(600)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


POOLS = {
    "analysis": "list(executors.Processes(2).map(note_and_wait, [sys.argv[1]] * 4))",
    "site pages": "multiprocessing.get_context('fork').Pool(2, mkdocs_build._worker_start, (os.getpid(),)).map(note_and_wait, [sys.argv[1]] * 4)",
}


@pytest.mark.parametrize("pool", POOLS.values(), ids=POOLS.keys())
def test_worker_processes_end_when_the_process_that_forked_them_is_killed(tmp_path, pool):
    # A worker waiting for work would otherwise wait forever (with its memory) once SIGKILL took
    # the process that feeds it.
    program = (
        "import multiprocessing, os, sys\nfrom generator import executors\nfrom generator.site import mkdocs_build\n"
        f"from tests.unit.test_executors import note_and_wait\n{pool}"
    )
    process = subprocess.Popen([sys.executable, "-c", program, str(tmp_path)], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 60
    while len(list(tmp_path.iterdir())) < 2:
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    workers = [int(p.name) for p in tmp_path.iterdir()]
    process.kill()
    process.wait(timeout=60)
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, workers))


def test_create_by_name():
    assert isinstance(executors.create("serial", 4), executors.Serial)
    assert isinstance(executors.create("processes", 4), executors.Processes)
    with pytest.raises(ConfigError) as caught:
        executors.create("threads", 4)
    assert str(caught.value) == "unknown executor 'threads'"
    assert caught.value.hint == "use serial, processes or dask"


SMALL = ("01_derna_wire.txt", "02_derna_gulf.md", "03_bok.txt", "04_items.jsonl")


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory, news_files):
    from tests.conftest import write_files

    return write_files(tmp_path_factory.mktemp("small") / "input", {name: news_files[name] for name in SMALL})


@pytest.fixture(scope="module")
def serial_json(small_folder, tmp_path_factory) -> str:
    digest = pipeline.build_digest(make_settings(small_folder, tmp_path_factory.mktemp("serial") / "docs"))
    return contract.dumps(contract.to_contract(digest))


def test_processes_give_the_same_digest_as_serial(small_folder, serial_json, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)  # several batches, so the work really leaves this process
    digest = pipeline.build_digest(make_settings(small_folder, tmp_path / "docs", executor="processes", workers=2))
    assert contract.dumps(contract.to_contract(digest)) == serial_json


def test_dask_local_cluster_gives_a_byte_identical_digest(small_folder, serial_json, tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    seen: dict[str, object] = {}

    class RecordingDask(executors.Dask):
        """The real executor; notes the cluster it started and the processes of its workers."""

        def map(self, function, batches):
            seen["workers"] = len(self._cluster.workers)
            seen["processes"] = set(self.client.run(os.getpid).values())
            return super().map(function, batches)

    monkeypatch.setattr(executors, "Dask", RecordingDask)
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 2)  # three batches over the two workers
    digest = pipeline.build_digest(make_settings(small_folder, tmp_path / "docs", executor="dask", workers=2))
    assert contract.dumps(contract.to_contract(digest)) == serial_json
    assert seen["workers"] == 2
    assert len(seen["processes"]) == 2
    assert os.getpid() not in seen["processes"]
