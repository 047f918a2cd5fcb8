"""A TCP proxy between a desk and PostgreSQL that loses the reply to one COMMIT,
adds network delay, or cuts the link.

It forwards every byte both ways (an asyncio server on its own thread). Armed, the
next time the desk sends COMMIT it either forwards it and then closes both sides
before the server's reply comes back ("lose the reply": the change is saved, the
desk cannot know), or closes both sides without forwarding it ("lose the commit":
nothing is saved). With ``delay_s`` every chunk waits half of it each way (a round
trip takes ``delay_s`` longer); `cut` closes every connection and refuses new
ones until `mend`. `round_trips` counts the desk's turns to speak (a request sent
after an answer came back, on any connection); with ``trace`` on, `said` keeps what
each turn sent (the SQL of its messages, see `statements_in`).
"""

from __future__ import annotations

import asyncio
import threading
from typing import Literal

Fault = Literal["lose the reply", "lose the commit"]
#: COMMIT as psycopg sends it: a simple query message (type, length, text, NUL), or
#: in a pipeline (with the writes before it) the Parse message of an unnamed statement.
COMMIT = b"Q\x00\x00\x00\x0bCOMMIT\x00"
PIPELINED_COMMIT = b"P\x00\x00\x00\x0e\x00COMMIT\x00\x00\x00"


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int, delay_s: float = 0.0) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._loop = asyncio.new_event_loop()
        self._armed: Fault | None = None
        self._lock = threading.Lock()
        self.faults = 0
        self.delay_s = delay_s
        self.round_trips = 0
        #: Set True to keep, per round trip, the statements the desk sent in it.
        self.trace = False
        self.said: list[list[str]] = []
        self._cut = False
        self._open: set[asyncio.StreamWriter] = set()
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(5):
            raise RuntimeError("the proxy did not start")

    def arm(self, fault: Fault) -> None:
        with self._lock:
            self._armed = fault

    @property
    def armed(self) -> bool:
        with self._lock:
            return self._armed is not None

    def cut(self) -> None:
        """Close every connection and refuse new ones (the server is unreachable)."""
        with self._lock:
            self._cut = True

        async def close_all() -> None:
            for side in list(self._open):
                side.close()

        # Done before returning: no link opened earlier carries anything after it.
        asyncio.run_coroutine_threadsafe(close_all(), self._loop).result(5)

    def mend(self) -> None:
        """Let connections through again."""
        with self._lock:
            self._cut = False

    def close(self) -> None:
        async def shut_down() -> None:
            self._server.close()
            for side in list(self._open):
                side.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shut_down(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", 0)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    def _take(self, data: bytes) -> Fault | None:
        """The fault to apply to ``data`` from the desk, if it carries COMMIT."""
        with self._lock:
            if self._armed is not None and (COMMIT in data or PIPELINED_COMMIT in data):
                fault, self._armed = self._armed, None
                self.faults += 1
                return fault
        return None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with self._lock:
            cut = self._cut
        if cut:
            writer.close()
            return
        up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        with self._lock:
            cut = self._cut
        if cut:  # cut while this link was being opened
            writer.close()
            up_writer.close()
            return
        self._open |= {writer, up_writer}
        broken = asyncio.Event()
        answered = [True]  # the desk's next chunk starts a round trip
        prepared: dict[bytes, str] = {}  # this connection's prepared statements, by name

        async def desk_to_server() -> None:
            while data := await reader.read(65536):
                with self._lock:
                    if answered[0]:
                        answered[0] = False
                        self.round_trips += 1
                        if self.trace:
                            self.said.append([])
                    said = statements_in(data, prepared)  # (learns the prepared ones)
                    if self.trace and self.said:
                        self.said[-1] += said
                if self.delay_s:
                    await asyncio.sleep(self.delay_s / 2)
                fault = self._take(data)
                if fault is not None:
                    broken.set()  # nothing more reaches the desk: not even the reply
                    if fault == "lose the reply":
                        up_writer.write(data)
                        await up_writer.drain()
                    break
                up_writer.write(data)
                await up_writer.drain()
            broken.set()

        async def server_to_desk() -> None:
            while not broken.is_set():
                read = asyncio.ensure_future(up_reader.read(65536))
                stop = asyncio.ensure_future(broken.wait())
                done, _pending = await asyncio.wait({read, stop}, return_when="FIRST_COMPLETED")
                if read not in done:
                    read.cancel()
                    break
                stop.cancel()
                data = read.result()
                if not data or broken.is_set():
                    break
                if self.delay_s:
                    await asyncio.sleep(self.delay_s / 2)
                answered[0] = True
                writer.write(data)
                await writer.drain()
            broken.set()

        await asyncio.gather(desk_to_server(), server_to_desk(), return_exceptions=True)
        for side in (writer, up_writer):
            self._open.discard(side)
            side.close()


def statements_in(data: bytes, prepared: dict[bytes, str]) -> list[str]:
    """The SQL of the simple (Q) and extended (Parse) queries in ``data``, a chunk of
    the desk's side of the PostgreSQL protocol ("?" for what is not such a chunk,
    e.g. the start-up). ``prepared``: the connection's prepared statements by name
    (learnt from their Parse, named when bound again)."""
    found: list[str] = []
    at, parsed = 0, None
    while at + 5 <= len(data):
        kind, length = data[at : at + 1], int.from_bytes(data[at + 1 : at + 5], "big")
        if not kind.isalpha() or length < 4:
            return [*found, "?"]
        body = data[at + 5 : at + 1 + length]
        if kind == b"Q":
            found.append(body.split(b"\0", 1)[0].decode(errors="replace"))
        elif kind == b"P":
            if body.count(b"\0") < 2:
                return [*found, "?"]  # not the PostgreSQL protocol (another server's)
            parsed, sql = body.split(b"\0", 2)[:2]
            prepared[parsed] = sql.decode(errors="replace")
            found.append(prepared[parsed])
        elif kind == b"B":  # a statement parsed just before (listed), or prepared earlier
            if body.count(b"\0") < 2:
                return [*found, "?"]
            name = body.split(b"\0", 2)[1]
            if name != parsed:
                found.append(prepared.get(name, "(prepared)"))
            parsed = None
        at += 1 + length
    return found
