"""Configuration every chibo process reads: settings from the environment, logging set-up."""
