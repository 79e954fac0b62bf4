"""The fairness report screen (分配公平性报表)."""
