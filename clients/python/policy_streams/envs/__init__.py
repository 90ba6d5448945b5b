"""Environments with Gymnasium's API (reset(seed) -> (observation, info); step(a) -> (observation, reward,
terminated, truncated, info)), for running without Gymnasium installed. Any Gymnasium environment works in
their place."""
