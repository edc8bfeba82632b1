"""Run a command as this process's only child and print the child's peak memory (KiB) last."""

import resource
import subprocess
import sys

if __name__ == "__main__":
    done = subprocess.run(sys.argv[1:], stdout=sys.stderr)
    if done.returncode != 0:
        sys.exit(done.returncode)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
