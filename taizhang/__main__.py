import sys

from taizhang.cli import main

sys.exit(main())
