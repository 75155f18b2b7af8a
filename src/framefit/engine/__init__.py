"""The engine: the pipeline from walk to findings (`pipeline`), how the files are scanned
(`scan`, one file in `file_scan`), which modules are worth parsing (`triage`) and the process
pool (`pool`)."""
