#!/usr/bin/env python3
"""Normalise a corpus with newsnorm inside Spark (RDD.pipe), writing JSON Lines.

    python3 examples/spark_normalize.py [--via paths|stream|both] [--master URL]
        [--partitions N] [--newsnorm CMD] CORPUS OUT

or the same arguments after `spark-submit examples/spark_normalize.py` on a cluster.

--via paths   the driver lists the files of CORPUS (sorted, hidden entries skipped, as
              newsnorm walks a folder) and pipes the list through
              `newsnorm --files-from -`: every executor must see the files under the
              same paths (a local or shared filesystem).
--via stream  Spark reads the files itself (`binaryFiles`: any filesystem Spark reads,
              HDFS, S3, ...) and sends each to newsnorm as one line of the document
              stream (`--stream`, the bytes as `content_base64`, the path as `path`):
              executors need only the newsnorm binary.
--via both    both, in one Spark session (the default).

Records and error objects (`--errors -`, each in its input's place) go to
OUT/paths/part-* and OUT/stream/part-* (`saveAsTextFile`; OUT/<via> must not exist):
JSON Lines, in input order within each partition, partitions in order. `--exit-zero`
keeps a failed input from failing its task (Spark's pipe fails a task whose process
exits non-zero: checkCode=True); a usage error still does.

CMD is the newsnorm command (default `newsnorm`, from PATH). On a cluster, ship the
binary with the job: `spark-submit --files target/release/newsnorm ...
--newsnorm ./newsnorm`.

Needs pyspark (`pip install pyspark`) and a Java runtime (Debian: `apt-get install
default-jre-headless`).
"""

import argparse
import base64
import json
import os
import shlex
import sys

NEWSNORM_ARGS = ["-q", "--errors", "-", "--exit-zero"]


def list_files(top):
    """The files under `top` in newsnorm's walk order: names sorted, hidden entries skipped."""
    out = []
    for name in sorted(os.listdir(top)):
        if name.startswith("."):
            continue
        path = os.path.join(top, name)
        if os.path.isdir(path):
            out.extend(list_files(path))
        elif os.path.isfile(path):
            out.append(path)
    return out


def local_path(uri):
    """`file:/a/b` (what binaryFiles names a local file) to `/a/b`; other URIs as given."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    if uri.startswith("file:"):
        return uri[len("file:"):]
    return uri


def stream_line(item):
    """One (path, bytes) pair of binaryFiles to one line of the document stream."""
    uri, data = item
    return json.dumps(
        {"path": local_path(uri), "content_base64": base64.b64encode(bytes(data)).decode("ascii")}
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="folder of input files")
    ap.add_argument("out", help="output folder (OUT/paths, OUT/stream)")
    ap.add_argument("--via", choices=["paths", "stream", "both"], default="both")
    ap.add_argument("--master", default=None, help="Spark master (e.g. local[2]); default: spark-submit's")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--newsnorm", default="newsnorm", help="the newsnorm command on the executors")
    args = ap.parse_args()

    # The Python workers run the interpreter that runs this script.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if args.master and args.master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.appName("newsnorm")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # binaryFiles descends into subfolders (it skips names starting with `.` or `_`).
        .config("spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive", "true")
    )
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    corpus = os.path.abspath(args.corpus)
    newsnorm = shlex.split(args.newsnorm)

    try:
        if args.via in ("paths", "both"):
            paths = list_files(corpus)
            cmd = shlex.join(newsnorm + NEWSNORM_ARGS + ["--files-from", "-"])
            out = sc.parallelize(paths, args.partitions).pipe(cmd, checkCode=True)
            out.saveAsTextFile(os.path.join(args.out, "paths"))
            print(f"spark_normalize: {len(paths)} paths in {args.partitions} partitions through: {cmd}")
        if args.via in ("stream", "both"):
            cmd = shlex.join(newsnorm + NEWSNORM_ARGS + ["--stream"])
            docs = sc.binaryFiles(corpus, minPartitions=args.partitions).map(stream_line)
            if docs.getNumPartitions() < args.partitions:
                # Small files are packed into few splits: spread them (order across
                # partitions is then Spark's; each record still names its path).
                docs = docs.repartition(args.partitions)
            out = docs.pipe(cmd, checkCode=True)
            out.saveAsTextFile(os.path.join(args.out, "stream"))
            print(f"spark_normalize: {docs.getNumPartitions()} partitions of documents through: {cmd}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
