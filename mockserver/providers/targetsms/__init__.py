"""The TargetSMS-family platform: sendmessage.php (GET), sendmessagejson.php, xml/*.php."""
