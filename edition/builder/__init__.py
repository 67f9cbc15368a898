"""``edition build``: ``publish`` reads as the stages; ``plan``, ``document``, ``executors``, ``site``,
``search``, ``manifest`` and ``output`` are its parts."""
