"""Tests for footback. Ids of the tiny fixture graph (tests/data/tiny) as named constants."""

from pathlib import Path

TINY_DIR = Path(__file__).resolve().parent / "data" / "tiny"

# tiny fixture graph ids
HEEL_SPUR = "heel-spur"          # condition
LIMPING = "limping"              # mechanism
HIP_ACHE = "hip-ache"            # symptom
NUMB_TOE = "numb-toe"            # symptom
HIP = "hip"                      # body_region
LEG = "leg"                      # body_region
ICE = "ice"                      # treatment
