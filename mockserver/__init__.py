"""An offline test double for the IntelTele, TargetSMS-family and SMSC gateway APIs."""

__version__ = "0.1.0"
