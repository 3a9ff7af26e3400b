#!/usr/bin/env node
import { runServer } from "./connection.js";
runServer();
