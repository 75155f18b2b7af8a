"""framefit's caches, in the user cache directory and never in the scanned repo: where they live
(`location`), per-file scan results (`scans`, looked up by `scan_lookup`), whole reports
(`reports`) and the one lossless codec of the model's values (`codec`)."""
