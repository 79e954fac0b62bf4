"""Handovers (客户交接): the dialog that asks for one, and the queue of handovers to accept, approve or decline."""
