from kuntakokeilu.cli import main

main()
