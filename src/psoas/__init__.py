"""psoas: an open-source coach for the psoas and hip flexors.

psoas screens, explains and coaches. It does not diagnose: red flags lead to a clear referral
to a clinician instead of an exercise plan.
"""

__version__ = "0.1.0"
