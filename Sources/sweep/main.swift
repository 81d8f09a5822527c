import SweepCLI
print("x")
