"""Chapter kernels forked from one warm process, so that the imports are paid once per build.

A new ipykernel spends most of its first second and a half starting Python and importing pandas,
Altair, GeoPandas and this package, before the chapter's own code runs. A build instead starts one
*zygote*: a process that imports all of that once, then forks a kernel for each chapter. Each kernel
is still a real ipykernel in a process of its own, with the chapter's environment and working
folder, and papermill talks to it over ZeroMQ as usual. Only the start differs:
:class:`ForkProvisioner` is a jupyter_client kernel provisioner that asks the zygote for a fork
instead of starting a new Python. Without a zygote, or for any kernel other than this Python's
ipykernel, it starts the kernel the ordinary way.

Forked kernels are isolated from each other as separate processes are; what they share is the
state of freshly imported modules, which is what each chapter would build by importing them itself.
"""

from __future__ import annotations

import ast
import asyncio
import importlib
import json
import os
import select
import signal
import socket
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Iterable
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import DottedObjectName, Type

KERNEL_ARGUMENTS = [
    # ipykernel 7 warns at every start that loopback TCP is unencrypted; the kernel only listens on
    # 127.0.0.1 for this build, so the warning is noise in the progress lines.
    "--IPKernelApp.log_level=ERROR",
    # A build's kernels need no command history, and parallel kernels would share one SQLite file.
    "--HistoryManager.enabled=False",
]
"""Extra command-line arguments of every chapter kernel."""

ZYGOTE_ENV = "SPACERACE_ZYGOTE"
"""Set (to the zygote's socket) in the processes that run chapters; :class:`ForkProvisioner` reads it."""

ALWAYS_PRELOADED = [
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    # What the kernel imports while it starts (measured: 0.11 s of each kernel's start without them).
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.interactiveshell",
    "IPython.extensions.storemagic",
    "tornado.platform.asyncio",
]

NEVER_PRELOADED = {"matplotlib", "pylab", "seaborn"}
"""Packages left to the kernel: matplotlib picks its backend from the environment at import, and
only the kernel's environment asks for inline figures."""


def imported_modules(notebooks: Iterable[Path]) -> list[str]:
    """The top-level modules and packages the code cells of ``notebooks`` import, sorted.

    Cells that are not plain Python (magics, shell escapes) are skipped: preloading is only an
    optimisation, and the kernel imports whatever was missed.
    """
    found: set[str] = set()
    for path in notebooks:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            try:
                tree = ast.parse("".join(cell.get("source", [])))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module)
                    found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return sorted(name for name in found if name.split(".")[0] not in NEVER_PRELOADED)


class Zygote:
    """A process that has imported ``modules`` and forks a kernel on request.

    Create it before any thread is started (forking copies only the calling thread) and close it
    when the build is done. It also ends by itself when the process that created it ends.
    """

    def __init__(self, modules: Iterable[str]):
        self._folder = Path(tempfile.mkdtemp(prefix="spacerace-zygote-"))
        self.address = str(self._folder / "socket")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(self.address)
        server.listen(64)  # requests wait here while the zygote is still importing
        alive_read, self._alive_write = os.pipe()
        modules = list(modules)
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:  # the zygote
            code = 0
            try:
                os.close(self._alive_write)
                _serve(server, alive_read, modules)
            except BaseException:  # noqa: BLE001 - a zygote must never return into the build's code
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        os.close(alive_read)
        server.close()

    def use_in_this_process(self) -> None:
        """In a process forked from the zygote's owner (a build worker): start kernels from the
        zygote, and let go of the owner's end of the pipe, so that the zygote still ends with its owner."""
        os.environ[ZYGOTE_ENV] = self.address
        if self._alive_write is not None:
            os.close(self._alive_write)
            self._alive_write = None

    def close(self) -> None:
        """Stop the zygote (its kernels are ended by their own managers)."""
        if self._alive_write is not None:
            os.close(self._alive_write)  # the zygote sees end-of-file and exits
            self._alive_write = None
            os.waitpid(self.pid, 0)
            for path in self._folder.iterdir():
                path.unlink()
            self._folder.rmdir()

    def __enter__(self) -> Zygote:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(server: socket.socket, alive: int, modules: list[str]) -> None:
    """The zygote's loop: import, then fork one kernel per request until the builder goes away."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped automatically
    # The kernel's debugger (never used in a build) warns at import about Python's frozen modules.
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    for name in ALWAYS_PRELOADED + modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - e.g. "from x import function": the kernel will say what is wrong
            pass
    while True:
        ready, _, _ = select.select([server, alive], [], [])
        if alive in ready:
            return
        connection, _ = server.accept()
        with connection:
            request = json.loads(_read_line(connection))
            pid = os.fork()
            if pid == 0:
                server.close()
                os.close(alive)
                connection.close()
                _become_kernel(request["arguments"], request["env"], request["cwd"])
            try:
                os.setpgid(pid, pid)  # also done by the child: whichever runs first wins the race
            except OSError:
                pass
            connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _become_kernel(arguments: list[str], env: dict[str, str], cwd: str) -> None:
    """In a fresh fork of the zygote: run ipykernel with ``arguments`` as if started anew."""
    code = 0
    try:
        os.setpgid(0, 0)  # its own process group, so that a kill of the kernel reaches only it
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the chapter's own subprocesses are waited for
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        sys.argv = [sys.executable, *arguments]
        from ipykernel.kernelapp import launch_new_instance

        # End with the zygote (as a kernel started anew ends with its manager); the class reads
        # JPY_PARENT_PID when imported, which was in the zygote, so it is given here.
        launch_new_instance(argv=[*arguments, f"--IPKernelApp.parent_handle={os.getppid()}"])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _read_line(connection: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            raise ConnectionError("the zygote closed the connection")
        data += chunk
    return data


def request_kernel(address: str, arguments: list[str], env: dict[str, str], cwd: str) -> int:
    """Ask the zygote at ``address`` for a kernel; returns the kernel's process id."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(address)
        connection.sendall(json.dumps({"arguments": arguments, "env": env, "cwd": cwd}).encode() + b"\n")
        return int(json.loads(_read_line(connection))["pid"])


class ForkedProcess:
    """The part of :class:`subprocess.Popen` that jupyter_client uses, for a kernel the zygote forked.

    The kernel is the zygote's child, not ours, so it is watched with signal 0 and cannot be waited
    for; the zygote reaps it.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} is still running")
            time.sleep(0.01)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):
    """Starts this Python's ipykernel as a fork of the zygote named by :data:`ZYGOTE_ENV`."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict[str, Any]:
        address = os.environ.get(ZYGOTE_ENV)
        arguments = _ipykernel_arguments(cmd)
        if not address or arguments is None:
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items() if k != ZYGOTE_ENV}
        self.process = ForkedProcess(request_kernel(address, arguments, env, cwd))
        self.pid = self.pgid = self.process.pid
        self.cwd = cwd
        return self.connection_info


def _ipykernel_arguments(cmd: list[str]) -> list[str] | None:
    """The arguments after ``python -m ipykernel_launcher``, when ``cmd`` starts this very Python's ipykernel."""
    if len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"]:
        if os.path.realpath(cmd[0]) == os.path.realpath(sys.executable):
            return list(cmd[3:])
    return None


class PromptKernelClient(AsyncKernelClient):
    """jupyter_client's client, ready as soon as the kernel answers.

    jupyter_client's ``wait_for_ready`` ends by reading IOPub until 0.2 s pass without a message.
    nbclient only reads the messages that answer its own requests, so each chapter waited those
    0.2 s for nothing. Otherwise it is jupyter_client's loop: ask for ``kernel_info`` until the
    reply comes and IOPub carries the kernel's status (asked again every 0.05 s, not 0.2 s).
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if reply["msg_type"] == "kernel_info_reply":
                    try:  # IOPub is connected once it carries the kernel's status; if not, ask again
                        await self.iopub_channel.get_msg(timeout=0.05)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(reply)
                        return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


class ForkKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, with :class:`ForkProvisioner` in place of the kernel spec's
    provisioner and :class:`PromptKernelClient` as its client."""

    client_class = DottedObjectName("spacerace.kernels.PromptKernelClient")
    client_factory = Type(PromptKernelClient, klass=AsyncKernelClient)

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or str(uuid.uuid4())
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        # After stopping a kernel, jupyter_client looks every 0.1 s whether it has ended; a killed
        # kernel is gone within a hundredth of a second, so each chapter waited a tenth for nothing.
        while await self._async_is_alive():
            await asyncio.sleep(min(pollinterval, 0.005))
