"""python -m framefit"""

from framefit.cli import main

main()
