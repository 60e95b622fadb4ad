import logging

# The client warns on stderr when it cannot deliver; the tests provoke that on purpose and check it with assertLogs.
logging.getLogger("prefscope").addHandler(logging.NullHandler())
