"""The event schema shared by case work, the simulator, monitoring and evaluation."""
