"""Other ways to run a build than the local one of kg.build: `kg build
--engine dask` (kg.engines.dask_engine) runs extraction on a dask.distributed
cluster and loads its N-Quads shards into a store."""
