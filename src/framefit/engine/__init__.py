"""The engine: the pipeline from walk to findings (`pipeline`), how the files are scanned
(`scan`, one file in `file_scan`), which files are worth reading (`plan`), the process pool
(`pool`) and the collector's pace during a run (`collector`)."""
