"""The embedded store's connections: one per living thread, handed on when a thread ends.

Streamlit runs every page view in a new thread.  A connection kept for each thread that
ever ran held its memory after the thread ended (~0.5 GB each after a map read at M: the
app passed 3 GB in ten page views, bench/app_speed.py); now a new thread takes the
connection of one that ended."""

from __future__ import annotations

import gc
import threading

from conftest import open_test_store


def _in_thread(f):
    out = []
    t = threading.Thread(target=lambda: out.append(f()))
    t.start()
    t.join()
    return out[0]


def test_threads_one_after_another_share_one_connection(tmp_path):
    store = open_test_store("embedded", tmp_path)
    try:
        store.load({"Firm": [{"id": "x", "name": "X"}]}, [])
        made = len(store._conns)
        for _ in range(5):
            assert _in_thread(lambda: store.read("MATCH (n:Firm) RETURN n.id").rows) == [["x"]]
            gc.collect()
        assert len(store._conns) == made + 1  # the main thread's and one for all five threads
    finally:
        store.close()


def test_threads_alive_at_once_have_their_own_connections(tmp_path):
    store = open_test_store("embedded", tmp_path)
    try:
        both = threading.Barrier(2)
        conns = []

        def hold():
            conns.append(store._conn())
            both.wait()  # neither ends before the other has its connection

        threads = [threading.Thread(target=hold) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert conns[0] is not conns[1]
    finally:
        store.close()
