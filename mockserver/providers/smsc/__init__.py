"""SMSC's HTTP API: sys/send.php, sys/status.php, sys/balance.php, sys/senders.php."""
