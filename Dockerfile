# syntax=docker/dockerfile:1
# Verbatim: multi-stage build on a slim Python image. The install step is the README's
# (`pip install .`), so CI exercises what the image runs.

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
RUN python -m venv /opt/verbatim
ENV PATH=/opt/verbatim/bin:$PATH
COPY pyproject.toml README.md ./
COPY corpus ./corpus
COPY retrieval ./retrieval
COPY bot ./bot
# README: install
RUN pip install .

FROM python:3.11-slim
# tini as PID 1 forwards SIGTERM to the bot and reaps zombies.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 verbatim \
    && mkdir /data && chown verbatim /data
COPY --from=build /opt/verbatim /opt/verbatim
ENV PATH=/opt/verbatim/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    VERBATIM_DATA_DIR=/data
USER verbatim
WORKDIR /home/verbatim
# The question log (SQLite) and the health heartbeat live here.
VOLUME ["/data"]
STOPSIGNAL SIGTERM
# Healthy only while the gateway connection is up and the event loop keeps beating.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "health"]
ENTRYPOINT ["tini", "--"]
# README: run (DISCORD_TOKEN comes from the environment or --env-file)
CMD ["python", "-m", "bot"]
