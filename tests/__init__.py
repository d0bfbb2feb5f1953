"""Tests for footback. Ids of the tiny fixture graph (tests/data/tiny) as named constants."""

from pathlib import Path

TINY_DIR = Path(__file__).resolve().parent / "data" / "tiny"

# tiny fixture graph ids
HEEL_SPUR = "heel-spur"  # condition
LIMPING = "limping"  # mechanism
HIP_ACHE = "hip-ache"  # symptom
NUMB_TOE = "numb-toe"  # symptom
HIP = "hip"  # body_region
LEG = "leg"  # body_region
ICE = "ice"  # treatment

# two-areas fixture graph (tests/data/two-areas): the head and the foot, far
# apart, so every kind of quiz question has plainly wrong choices
TWO_AREAS_DIR = Path(__file__).resolve().parent / "data" / "two-areas"
EYE_STRAIN = "eye-strain"  # condition, located in the eye
GLARE = "glare"  # condition, located in the eye
STUBBED_TOE = "stubbed-toe"  # condition, located in the toe
SQUINTING = "squinting"  # mechanism: eye strain and glare -> squinting -> headache
HOBBLING = "hobbling"  # mechanism: stubbed toe -> hobbling -> sore foot
HEADACHE = "headache"  # symptom, in the head (the eye is part of it)
SORE_FOOT = "sore-foot"  # symptom, in the foot (the toe is part of it)
DARK_ROOM = "dark-room"  # treatment for headache
